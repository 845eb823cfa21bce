// Host side of the real-kernel lab. The machines we develop and test on have no IPVS, so we
// boot Debian's own kernel under qemu (plain emulation: KVM is not available), with a tiny
// initramfs that loads the IPVS modules, mounts the host root read-only over 9p and chroots
// into it. Node, the repo's node_modules and ipvsadm then run unchanged inside the guest.

import { execFileSync, spawn, spawnSync, type StdioOptions } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const labDir = join(repoRoot, '.lab');
/** The writable share: the same path on the host and inside the guest's chroot. */
export const shareDir = join(labDir, 'out');
const guestDir = join(labDir, 'guest');

/** Debian packages the lab needs on the host (a fresh CI machine has none of the first four). */
const PACKAGES = [
  'qemu-system-x86',
  'linux-image-amd64',
  'busybox-static',
  'ipvsadm',
  'kmod', // modprobe --show-depends resolves the module order
  'cpio',
  'iproute2',
  'curl',
  'python3',
  'tmux', // the TUI test drives the real binary in a terminal inside the guest
];

export const SCHEDULERS = [
  'rr', 'wrr', 'lc', 'wlc', 'lblc', 'lblcr', 'dh', 'sh', 'sed', 'nq', 'fo', 'ovf', 'mh', 'twos',
] as const;

// The 9p transport first: without it the guest cannot reach the host root at all.
const REQUIRED_MODULES = [
  'virtio_pci',
  '9pnet_virtio',
  '9p',
  'ip_vs',
  ...SCHEDULERS.filter((name) => name !== 'twos').map((name) => `ip_vs_${name}`),
  'veth',
  'bridge',
  'ipip',
];
// twos is newer than some kernels (Debian 12 ships 6.1 without it); the SIP engine is optional.
const OPTIONAL_MODULES = ['ip_vs_twos', 'ip_vs_pe_sip'];

const READY_MARKER = 'LVSTOP-LAB-READY';

// PID 1 of the guest (busybox sh). Every failure powers off without writing exit-code, which
// the host reports as a failed run.
const INIT_SCRIPT = `#!/bin/busybox sh
/bin/busybox mkdir -p /proc /sys /dev /host /share
/bin/busybox --install -s /bin
export PATH=/bin
mount -t devtmpfs devtmpfs /dev
exec 0</dev/console 1>/dev/console 2>&1
stop() { echo "lab-guest: $*"; sync; poweroff -f; sleep 10; }
mount -t proc proc /proc
mount -t sysfs sysfs /sys
while read -r module; do
  insmod "/modules/$module" || echo "lab-guest: could not load $module"
done < /modules.list
opts=trans=virtio,version=9p2000.L,msize=512000
mount -t 9p -o "$opts,ro" hostroot /host || stop "cannot mount the host root"
mount -t 9p -o "$opts" labshare /share || stop "cannot mount the writable share"
read -r sharepath < /share/.path || stop "no .path in the writable share"
# The read-only root needs writable /tmp and /run; a repo under /tmp (a CI clone) must stay
# visible through the fresh /tmp, so it is bound back in from a second view of the host's /tmp.
repo=\${sharepath%/.lab/out}
mkdir -p /hosttmp
mount -o bind /host/tmp /hosttmp
mount -t tmpfs tmpfs /host/tmp
mount -t tmpfs tmpfs /host/run
case "$repo" in
  /tmp/*) mkdir -p "/host$repo" && mount -o bind "/hosttmp/\${repo#/tmp/}" "/host$repo" || stop "cannot bind the repo at $repo" ;;
esac
mount -o bind /share "/host$sharepath" || stop "cannot bind the share at $sharepath"
mount -t proc proc /host/proc
mount -t sysfs sysfs /host/sys
mount -t devtmpfs devtmpfs /host/dev
mkdir -p /host/dev/pts /host/dev/shm
mount -t devpts devpts /host/dev/pts
mount -t tmpfs tmpfs /host/dev/shm
# The kernel loads modules on demand (a scheduler named by ipvsadm -A, ip_vs after an rmmod)
# through this helper, run from the initramfs: hand the request to the host's modprobe.
cat > /bin/lab-modprobe <<'HELPER'
#!/bin/busybox sh
exec /bin/busybox chroot /host /sbin/modprobe "$@"
HELPER
chmod 755 /bin/lab-modprobe
echo /bin/lab-modprobe > /proc/sys/kernel/modprobe
ip link set lo up
hostname lvstop-lab
echo ${READY_MARKER}
chroot /host /bin/sh "$sharepath/job.sh" </dev/null
code=$?
echo "$code" > /share/exit-code
stop "command exited with $code"
`;

function say(line: string): void {
  process.stdout.write(`lab: ${line}\n`);
}

function isInstalled(pkg: string): boolean {
  try {
    const status = execFileSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8', stdio: 'pipe' });
    return status.endsWith(' installed');
  } catch {
    return false;
  }
}

/** Installs whatever lab tools are missing (CI starts from a fresh Debian machine; we are root). */
export function ensureTools(): void {
  const missing = PACKAGES.filter((pkg) => !isInstalled(pkg));
  if (missing.length === 0) return;
  say(`installing ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const stdio: StdioOptions = ['ignore', 'inherit', 'inherit'];
  execFileSync('apt-get', ['update', '-q'], { stdio, env });
  execFileSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], { stdio, env });
}

/** The newest installed kernel that has a vmlinuz and ships IPVS as a module. */
function pickKernelVersion(): string {
  const versions = readdirSync('/lib/modules').filter((version) => {
    const depFile = `/lib/modules/${version}/modules.dep`;
    return existsSync(`/boot/vmlinuz-${version}`) && existsSync(depFile) && /\/ip_vs\.ko/.test(readFileSync(depFile, 'utf8'));
  });
  versions.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const newest = versions.at(-1);
  if (!newest) throw new Error('no installed kernel with IPVS modules (is linux-image-amd64 installed?)');
  return newest;
}

/** The .ko files `name` needs, dependencies first; null when the kernel has no such module. */
function moduleChain(kernelVersion: string, name: string): string[] | null {
  let plan: string;
  try {
    plan = execFileSync('modprobe', ['-S', kernelVersion, '--show-depends', name], { encoding: 'utf8', stdio: 'pipe' });
  } catch {
    return null;
  }
  // Lines are "insmod /path.ko [options]" or "builtin name"; options from the host's
  // /etc/modprobe.d are deliberately dropped.
  return plan.split('\n').flatMap((line) => (line.startsWith('insmod ') ? [line.split(' ')[1] ?? ''] : []));
}

function resolveModules(kernelVersion: string): string[] {
  const ordered = new Set<string>();
  for (const name of [...REQUIRED_MODULES, ...OPTIONAL_MODULES]) {
    const chain = moduleChain(kernelVersion, name);
    if (chain === null) {
      if (REQUIRED_MODULES.includes(name)) throw new Error(`kernel ${kernelVersion} has no module ${name}`);
      say(`kernel ${kernelVersion} has no ${name}; the guest goes without it`);
      continue;
    }
    for (const path of chain) ordered.add(path);
  }
  return [...ordered];
}

/** Busybox's insmod may not read compressed modules, so they go in plain. */
function plainModule(path: string): { name: string; bytes: Buffer } {
  const name = basename(path).replace(/\.(xz|zst|gz)$/, '');
  if (path.endsWith('.ko')) return { name, bytes: readFileSync(path) };
  if (path.endsWith('.gz')) return { name, bytes: gunzipSync(readFileSync(path)) };
  const tool = path.endsWith('.xz') ? ['xz', '-dc'] : ['zstd', '-dcq'];
  return { name, bytes: execFileSync(tool[0]!, [...tool.slice(1), path], { maxBuffer: 1 << 30 }) };
}

export interface Guest {
  kernelVersion: string;
  kernel: string;
  initramfs: string;
}

/** Builds (or reuses) the kernel + initramfs under .lab/guest. */
export function buildGuest(): Guest {
  const started = Date.now();
  const kernelVersion = pickKernelVersion();
  const vmlinuz = `/boot/vmlinuz-${kernelVersion}`;
  const modules = resolveModules(kernelVersion);
  const kernelStat = statSync(vmlinuz);
  const stamp = JSON.stringify({
    kernelVersion,
    kernelSize: kernelStat.size,
    kernelTime: kernelStat.mtimeMs,
    modules,
    init: createHash('sha256').update(INIT_SCRIPT).digest('hex'),
  });
  const guest = { kernelVersion, kernel: join(guestDir, 'vmlinuz'), initramfs: join(guestDir, 'initramfs.cpio') };
  const stampFile = join(guestDir, 'stamp.json');
  const cached = existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp;
  if (cached && existsSync(guest.kernel) && existsSync(guest.initramfs)) return guest;

  rmSync(guestDir, { recursive: true, force: true });
  const tree = join(guestDir, 'initramfs');
  mkdirSync(join(tree, 'bin'), { recursive: true });
  mkdirSync(join(tree, 'modules'));
  copyFileSync('/bin/busybox', join(tree, 'bin', 'busybox'));
  chmodSync(join(tree, 'bin', 'busybox'), 0o755);
  writeFileSync(join(tree, 'init'), INIT_SCRIPT, { mode: 0o755 });
  const names: string[] = [];
  for (const path of modules) {
    const { name, bytes } = plainModule(path);
    if (names.includes(name)) throw new Error(`two modules named ${name}`);
    names.push(name);
    writeFileSync(join(tree, 'modules', name), bytes);
  }
  writeFileSync(join(tree, 'modules.list'), `${names.join('\n')}\n`);
  // Sorted so that every folder comes before what it holds.
  const entries = ['.', ...readdirSync(tree, { recursive: true }).map(String)].sort();
  execFileSync('cpio', ['-o', '-H', 'newc', '-R', '0:0', '--quiet', '-O', guest.initramfs], {
    cwd: tree,
    input: `${entries.join('\n')}\n`,
  });
  copyFileSync(vmlinuz, guest.kernel);
  writeFileSync(stampFile, stamp);
  say(`built the guest for kernel ${kernelVersion} (${names.length} modules) in ${seconds(started)} s`);
  return guest;
}

function seconds(since: number): string {
  return ((Date.now() - since) / 1000).toFixed(1);
}

function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** qemu's option syntax escapes a comma by doubling it. */
function qemuPath(path: string): string {
  return path.replaceAll(',', ',,');
}

function readOr(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Several engineers share one work tree, and two lab runs would wipe each other's share and
 * cache, so a run waits for the one before it. A lock left by a dead process is taken over.
 */
async function lockLab(): Promise<() => void> {
  const lockFile = join(labDir, 'lock');
  mkdirSync(labDir, { recursive: true });
  let told = false;
  for (;;) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const content = readOr(lockFile);
    if (content === null) continue; // released just now
    const holder = Number(content.trim()); // 0 while its owner is still writing it
    if (holder > 0 && !isAlive(holder)) {
      rmSync(lockFile, { force: true });
      continue;
    }
    if (!told && holder > 0) {
      say(`waiting for the lab run of process ${holder} to finish`);
      told = true;
    }
    await sleep(1000);
  }
}

export interface RunOptions {
  /** Extra environment for the command. */
  env?: Record<string, string>;
  /** The whole run, boot included. */
  timeoutSeconds?: number;
  /** Until the guest has mounted everything and is about to start the command. */
  bootTimeoutSeconds?: number;
  /**
   * Joins this terminal to the guest's console (for a full-screen program there, `npm run lab`):
   * keys go in through qemu, and the guest's output comes out untouched once it has booted.
   */
  attachTerminal?: boolean;
}

export interface RunResult {
  /** The command's exit code; null when it did not finish. */
  exitCode: number | null;
  /** Why the run failed before the command could finish (boot failure, timeout, crash). */
  failure: string | null;
  bootSeconds: number | null;
  totalSeconds: number;
}

function writeJob(argv: string[], env: Record<string, string>): void {
  rmSync(shareDir, { recursive: true, force: true });
  mkdirSync(shareDir, { recursive: true });
  writeFileSync(join(shareDir, '.path'), `${shareDir}\n`);
  const exports = {
    PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    HOME: '/tmp',
    LANG: 'C.UTF-8',
    LVSTOP_LAB: '1',
    LVSTOP_LAB_OUT: shareDir,
    ...env,
  };
  const lines = [
    `cd ${shellQuote(repoRoot)} || exit 97`,
    ...Object.entries(exports).map(([name, value]) => `export ${name}=${shellQuote(value)}`),
    `exec ${argv.map(shellQuote).join(' ')}`,
  ];
  writeFileSync(join(shareDir, 'job.sh'), `${lines.join('\n')}\n`);
}

/**
 * Boots the guest, runs `argv` in the host root with cwd = the repo, streams its output and
 * powers the guest off. Never throws for guest trouble: it comes back as `failure`.
 */
export async function runInGuest(argv: string[], options: RunOptions = {}): Promise<RunResult> {
  const unlock = await lockLab();
  try {
    return await bootAndRun(argv, options);
  } finally {
    unlock();
  }
}

async function bootAndRun(argv: string[], options: RunOptions): Promise<RunResult> {
  const { timeoutSeconds = 40 * 60, bootTimeoutSeconds = 180, env = {}, attachTerminal = false } = options;
  ensureTools();
  const guest = buildGuest();
  writeJob(argv, env);

  const started = Date.now();
  const qemu = spawn(
    'qemu-system-x86_64',
    [
      '-accel', 'tcg', '-cpu', 'max', '-m', '2048', '-smp', '2',
      '-nographic', '-no-reboot', '-nic', 'none',
      '-kernel', guest.kernel,
      '-initrd', guest.initramfs,
      '-append', 'console=ttyS0 quiet loglevel=3 panic=-1',
      '-virtfs', 'local,path=/,mount_tag=hostroot,security_model=passthrough,readonly=on,multidevs=remap',
      '-virtfs', `local,path=${qemuPath(shareDir)},mount_tag=labshare,security_model=passthrough`,
    ],
    { stdio: [attachTerminal ? 'inherit' : 'ignore', 'pipe', 'pipe'] },
  );

  let bootSeconds: number | null = null;
  let failure: string | null = null;
  // Boot chatter (firmware escape codes, early kernel lines) is held back and shown only when
  // the guest fails to come up.
  let bootLog = '';
  const stop = (reason: string): void => {
    failure ??= reason;
    qemu.kill('SIGKILL');
  };
  const bootTimer = setTimeout(() => stop(`the guest did not boot within ${bootTimeoutSeconds} s`), bootTimeoutSeconds * 1000);
  const runTimer = setTimeout(() => stop(`the guest did not finish within ${timeoutSeconds} s`), timeoutSeconds * 1000);
  const onSignal = (): void => stop('interrupted');
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  // Decoded by the stream so that a character split across two chunks stays whole.
  qemu.stdout.setEncoding('utf8');
  qemu.stdout.on('data', (chunk: string) => {
    // The guest's serial console ends lines with \r\n.
    const text = chunk.replaceAll('\r', '');
    if (bootSeconds !== null) {
      process.stdout.write(attachTerminal ? chunk : text);
      return;
    }
    bootLog += text;
    const marker = bootLog.indexOf(`${READY_MARKER}\n`);
    if (marker === -1) return;
    bootSeconds = (Date.now() - started) / 1000;
    clearTimeout(bootTimer);
    say(`guest booted in ${bootSeconds.toFixed(1)} s`);
    process.stdout.write(bootLog.slice(marker + READY_MARKER.length + 1));
  });
  qemu.stderr.pipe(process.stderr);

  const qemuStatus = await new Promise<string>((done) => {
    qemu.on('error', (error) => done(`qemu could not start: ${error.message}`));
    qemu.on('close', (code, signal) => done(`qemu exited with ${signal ?? code}`));
  });
  clearTimeout(bootTimer);
  clearTimeout(runTimer);
  // qemu puts the terminal back itself, unless we killed it.
  if (attachTerminal && failure !== null && process.stdin.isTTY) spawnSync('stty', ['sane'], { stdio: 'inherit' });
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);

  const exitFile = join(shareDir, 'exit-code');
  const written = failure === null ? readOr(exitFile)?.trim() : undefined;
  const exitCode = written !== undefined && /^\d+$/.test(written) ? Number(written) : null;
  if (exitCode === null) failure ??= `the guest stopped before the command finished (${qemuStatus})`;
  if (bootSeconds === null) process.stdout.write(`${bootLog.replace(/\x1b(\[[0-9;?]*[A-Za-z]|c)/g, '')}\n`);
  const totalSeconds = (Date.now() - started) / 1000;
  say(`guest ran for ${totalSeconds.toFixed(1)} s`);
  return { exitCode, failure, bootSeconds, totalSeconds };
}
