// Host facts that change what a change in lvstop means: other programs that manage IPVS (and
// may put back what the operator changes), and sysctls that change how a drain behaves.

/** Programs that own IPVS rules, by process name. */
export const IPVS_MANAGERS = ['keepalived', 'ldirectord', 'kube-proxy'] as const;

/** The net.ipv4.vs sysctls that matter here; absent ones (no IPVS, not Linux) are undefined. */
export interface IpvsSysctls {
  expire_nodest_conn?: number;
  expire_quiescent_template?: number;
  run_estimation?: number;
}

export const SYSCTL_NAMES = ['expire_nodest_conn', 'expire_quiescent_template', 'run_estimation'] as const;

export function managerWarnings(running: readonly string[]): string[] {
  return running.map((name) => `${name} is running: it may revert manual changes`);
}

export function sysctlWarnings(sysctls: IpvsSysctls): string[] {
  const warnings: string[] = [];
  if (sysctls.expire_nodest_conn === 1) {
    warnings.push('expire_nodest_conn=1: deleting a server drops its connections at once');
  }
  if (sysctls.expire_quiescent_template === 1) {
    warnings.push('expire_quiescent_template=1: weight 0 ends persistence, persistent clients move at once');
  }
  if (sysctls.run_estimation === 0) {
    warnings.push('estimator off (run_estimation=0): the kernel reports no rates');
  }
  return warnings;
}

/** Which of the managers appear among these process names (comm or argv[0]/argv[1] basenames). */
export function runningManagers(processNames: Iterable<string>): string[] {
  const names = new Set(processNames);
  return IPVS_MANAGERS.filter((manager) => names.has(manager));
}
