// @ts-check
// A real server of the lab cluster, run in its own network namespace. It answers with its own
// name, so the client can tell who served a request, and reports on stdout, one JSON line per
// event, every connection it accepts and closes: what the tests hold IPVS's counters against.
// Plain JavaScript run by node alone: tsx's compile costs ~20 s per process under emulation.
//
//   GET /                  "<name>\n"
//   GET /hold?seconds=N    "<name>\n" at once, then the connection stays open, silent, until N
//                          seconds have passed (or the client closes it): a long-lived connection
//
// Usage: node real-server.mjs NAME FIRST_PORT COUNT

import { createServer } from 'node:http';

const [name = 'unnamed', firstText = '8001', countText = '1'] = process.argv.slice(2);
const ports = Array.from({ length: Number(countText) }, (_, index) => Number(firstText) + index);

/** @param {Record<string, unknown>} event */
const report = (event) => process.stdout.write(`${JSON.stringify(event)}\n`);

/** @type {WeakMap<import('node:net').Socket, number>} requests served per connection */
const requests = new WeakMap();

/** @type {import('node:http').RequestListener} */
function answer(request, response) {
  requests.set(request.socket, (requests.get(request.socket) ?? 0) + 1);
  const url = new URL(request.url ?? '/', 'http://lab');
  if (url.pathname !== '/hold') {
    response.end(`${name}\n`);
    return;
  }
  // Silent while held, so the counters stand still for the test to read them.
  response.write(`${name}\n`);
  const timer = setTimeout(() => response.end(), Number(url.searchParams.get('seconds') ?? '10') * 1000);
  response.on('close', () => clearTimeout(timer));
}

/** @param {import('node:net').Socket} socket */
function track(socket) {
  const port = socket.localPort;
  const remote = `${socket.remoteAddress}:${socket.remotePort}`;
  report({ event: 'open', port, remote });
  socket.on('close', () => {
    report({
      event: 'close',
      port,
      remote,
      requests: requests.get(socket) ?? 0,
      bytesIn: socket.bytesRead,
      bytesOut: socket.bytesWritten,
    });
  });
}

// A listening server per port: a port per test (see plan.ts).
let listening = 0;
for (const port of ports) {
  const server = createServer(answer);
  server.on('connection', track);
  server.listen(port, '0.0.0.0', () => {
    listening += 1;
    if (listening === ports.length) report({ event: 'ready', name, ports: ports.length });
  });
}
