// `-t|-u|--sctp-service|-f SERVICE [-6] -r SERVER` as the subcommands take them. The words go
// through the ipvsadm parser (as the arguments of `ipvsadm -d`), so they mean exactly what they
// mean to ipvsadm and are refused with the same sentences.

import type { Command } from 'commander';
import { IpvsError } from '../ipvs/errors.js';
import type { DestinationKey, ServiceKey } from '../ipvs/types.js';
import { parseIpvsadmArgs } from '../model/ipvsadm/index.js';

export interface TargetOptions {
  tcpService?: string;
  udpService?: string;
  sctpService?: string;
  fwmarkService?: string;
  ipv6?: boolean;
  realServer?: string;
}

export function addTargetOptions(command: Command): Command {
  return command
    .option('-t, --tcp-service <address:port>', 'the TCP virtual service')
    .option('-u, --udp-service <address:port>', 'the UDP virtual service')
    .option('--sctp-service <address:port>', 'the SCTP virtual service')
    .option('-f, --fwmark-service <mark>', 'the firewall-mark virtual service')
    .option('-6, --ipv6', 'the firewall-mark service is IPv6')
    .option('-r, --real-server <address[:port]>', 'the real server');
}

export function parseTarget(options: TargetOptions): { service: ServiceKey; server: DestinationKey } {
  const words: string[] = ['-d'];
  if (options.tcpService) words.push('-t', options.tcpService);
  if (options.udpService) words.push('-u', options.udpService);
  if (options.sctpService) words.push('--sctp-service', options.sctpService);
  if (options.fwmarkService) words.push('-f', options.fwmarkService);
  if (options.ipv6) words.push('-6');
  if (words.length === 1) throw new IpvsError('invalid', 'Name the service with -t, -u, --sctp-service or -f.');
  if (!options.realServer) throw new IpvsError('invalid', 'Name the real server with -r ADDRESS[:PORT].');
  words.push('-r', options.realServer);
  const { command } = parseIpvsadmArgs(words);
  if (command.kind !== 'delete-destination') throw new IpvsError('invalid', 'Name one service and one real server.');
  return { service: command.service, server: command.destination };
}
