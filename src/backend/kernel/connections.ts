// The kernel's connection table as /proc/net/ip_vs_conn prints it (what `ipvsadm -Lnc` reads):
// IPv4 addresses and all ports in hex, IPv6 addresses in full colon form.

import { readFile } from 'node:fs/promises';
import ipaddr from 'ipaddr.js';
import type { Connection } from '../backend.js';

const PROTOCOLS = new Set(['tcp', 'udp', 'sctp']);

function parseAddress(text: string): string {
  if (/^[0-9A-Fa-f]{8}$/.test(text)) {
    const value = Number.parseInt(text, 16);
    return [value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff].join('.');
  }
  return ipaddr.parse(text).toString();
}

const parsePort = (text: string): number => Number.parseInt(text, 16);

export function parseConnectionTable(text: string): Connection[] {
  const connections: Connection[] = [];
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 9 || fields[0] === 'Pro') continue;
    const [protocol, fromIp, fromPort, toIp, toPort, destIp, destPort, state, expires] = fields as [
      string, string, string, string, string, string, string, string, string,
    ];
    const name = protocol.toLowerCase();
    connections.push({
      protocol: PROTOCOLS.has(name) ? (name as Connection['protocol']) : 'ip',
      client: { address: parseAddress(fromIp), port: parsePort(fromPort) },
      virtual: { address: parseAddress(toIp), port: parsePort(toPort) },
      destination: { address: parseAddress(destIp), port: parsePort(destPort) },
      state,
      expires: Number.parseInt(expires, 10),
    });
  }
  return connections;
}

export async function readConnectionTable(path = '/proc/net/ip_vs_conn'): Promise<Connection[]> {
  return parseConnectionTable(await readFile(path, 'utf8'));
}
