// The table the kernel benchmarks load with `ipvsadm -R`: N services on consecutive virtual
// addresses from 10.100.0.1, port 80, each with `servers` NAT real servers of weights
// 1..servers.
//
// Consecutive addresses, as a director's VIPs usually are: the kernel finds a service in a
// table of 256 chains hashed on the address's low byte and the port, and every request for one
// service's servers looks it up twice (the dump's two passes). Until the seventh session the
// services were 10.X.Y.1:80, all in one chain: at 5000 services each lookup walked thousands
// of them, which cost ipvsadm and lvstop the same ~0.35 ms per service in the lab guest and
// hid how the two compare (BENCHMARKS.md, snapshot).

export function benchTableRules(services: number, servers: number): string {
  const lines: string[] = [];
  for (let n = 0; n < services; n += 1) {
    const host = n + 1;
    const vip = `10.${100 + (host >> 16)}.${(host >> 8) & 255}.${host & 255}:80`;
    lines.push(`-A -t ${vip} -s wrr`);
    for (let s = 1; s <= servers; s += 1) lines.push(`-a -t ${vip} -r 172.16.${n & 255}.${s}:8080 -m -w ${s}`);
  }
  return `${lines.join('\n')}\n`;
}
