// The table the kernel benchmarks load with `ipvsadm -R`: N services, each with `servers` NAT
// real servers of weights 1..servers.

export function benchTableRules(services: number, servers: number): string {
  const lines: string[] = [];
  for (let n = 0; n < services; n += 1) {
    const vip = `10.${100 + (n >> 8)}.${n & 255}.1:80`;
    lines.push(`-A -t ${vip} -s wrr`);
    for (let s = 1; s <= servers; s += 1) lines.push(`-a -t ${vip} -r 172.16.${n & 255}.${s}:8080 -m -w ${s}`);
  }
  return `${lines.join('\n')}\n`;
}
