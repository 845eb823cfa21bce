// @ts-check
// The lab cluster's HTTP client, run in the client namespace. The test sends it commands as
// JSON lines on stdin and reads one JSON line per answer on stdout. Every request is a new
// TCP connection (no agent, no keep-alive), so each one is a new connection for IPVS to
// schedule. Every command is bounded by a count or by seconds; stdin closing ends the process.
// Plain JavaScript run by node alone: tsx's compile costs ~20 s per process under emulation.
//
//   {id, op: 'get', host, port, count}            count requests one after another
//   {id, op: 'hold', host, port, count, seconds}  count long-lived /hold requests at once;
//                                                 answers 'held' when all are open, 'ended' when all are over
//   {id, op: 'release', hold, count}              closes up to count of a hold's open requests
//   {id, op: 'load', host, port, seconds, wave}   requests back to back for seconds; with wave,
//                                                 pauses that rise and fall so the rate varies

import { get } from 'node:http';
import { createInterface } from 'node:readline';

const REQUEST_TIMEOUT_MS = 20_000;

/** @param {Record<string, unknown>} message */
const reply = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);

const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One request on a new connection. Resolves with the server's name (the body's first line)
 * once the response has ended; `onName` hears it as soon as the first line arrives.
 * @param {string} host @param {number} port @param {string} path
 * @param {(name: string, request: import('node:http').ClientRequest) => void} [onName]
 * @returns {Promise<string>}
 */
function request(host, port, path, onName) {
  return new Promise((resolve, reject) => {
    const outgoing = get({ host, port, path, agent: false, timeout: REQUEST_TIMEOUT_MS }, (response) => {
      let body = '';
      let named = false;
      response.setEncoding('utf8');
      response.on('data', (chunk) => {
        body += chunk;
        if (!named && body.includes('\n')) {
          named = true;
          onName?.(body.slice(0, body.indexOf('\n')), outgoing);
          outgoing.setTimeout(0); // a held connection is silent on purpose
        }
      });
      response.on('end', () => resolve(body.split('\n')[0] ?? ''));
      response.on('error', reject);
      response.on('aborted', () => reject(new Error('aborted')));
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error('timed out')));
    outgoing.on('error', reject);
  });
}

/** Names of the servers that answered, and why the others failed. */
function tally() {
  /** @type {string[]} */ const served = [];
  /** @type {string[]} */ const failures = [];
  return {
    served,
    failures,
    /** @param {Promise<string>} pending */
    async add(pending) {
      try {
        served.push(await pending);
      } catch (error) {
        failures.push(error instanceof Error ? error.message : String(error));
      }
    },
  };
}

/** @type {Map<number, import('node:http').ClientRequest[]>} open requests of each hold */
const holds = new Map();

/** @param {any} command */
async function perform(command) {
  const { id, op, host, port } = command;
  const started = Date.now();
  if (op === 'get') {
    const result = tally();
    for (let index = 0; index < command.count; index += 1) await result.add(request(host, port, '/'));
    reply({ id, served: result.served, failures: result.failures, ms: Date.now() - started });
  } else if (op === 'load') {
    const result = tally();
    const until = started + command.seconds * 1000;
    while (Date.now() < until) {
      await result.add(request(host, port, '/'));
      // A pause between 50 ms and 1.15 s that rises and falls over a minute.
      if (command.wave) await sleep(50 + 550 * (1 + Math.sin(((Date.now() - started) / 60_000) * 2 * Math.PI)));
    }
    reply({ id, served: result.served, failures: result.failures, ms: Date.now() - started });
  } else if (op === 'hold') {
    /** @type {import('node:http').ClientRequest[]} */
    const open = [];
    holds.set(id, open);
    /** @type {string[]} */ const named = [];
    let toldHeld = false;
    const tellHeld = () => {
      if (toldHeld) return;
      toldHeld = true;
      reply({ id, event: 'held', served: named, failures: result.failures, ms: Date.now() - started });
    };
    const result = tally();
    const path = `/hold?seconds=${command.seconds}`;
    const all = Array.from({ length: command.count }, () =>
      result.add(
        request(host, port, path, (name, outgoing) => {
          open.push(outgoing);
          named.push(name);
          if (named.length === command.count) tellHeld();
        }),
      ),
    );
    await Promise.all(all);
    tellHeld(); // when some never opened, say so rather than leave the test waiting
    holds.delete(id);
    // Released requests count as failures ('aborted'); the test knows how many it released.
    reply({ id, event: 'ended', served: result.served, failures: result.failures, ms: Date.now() - started });
  } else if (op === 'release') {
    const open = holds.get(command.hold) ?? [];
    const closing = open.splice(0, command.count);
    for (const outgoing of closing) outgoing.destroy();
    reply({ id, released: closing.length });
  } else {
    reply({ id, error: `unknown op ${op}` });
  }
}

createInterface({ input: process.stdin })
  .on('line', (line) => {
    if (line.trim() === '') return;
    const command = JSON.parse(line);
    perform(command).catch((/** @type {unknown} */ error) => reply({ id: command.id, error: String(error) }));
  })
  .on('close', () => process.exit(0)); // the test is done with us, whatever is still running
reply({ event: 'ready' });
