// Numbers as an operator scans them in a narrow column: 3 significant digits at most, with
// K/M/G/T suffixes (powers of 1000, as ipvsadm's --rate and most monitors print rates).

const SUFFIXES = ['', 'K', 'M', 'G', 'T', 'P'] as const;

/** 0, 7, 12, 345, 1.2K, 45K, 678K, 9.1M ... at most 4 characters (5 with the decimal point). */
export function human(value: number): string {
  if (!Number.isFinite(value)) return '-';
  const sign = value < 0 ? '-' : '';
  let magnitude = Math.abs(value);
  if (magnitude < 10 && magnitude !== Math.round(magnitude)) return sign + magnitude.toFixed(1).replace(/\.0$/, '');
  let step = 0;
  while (magnitude >= 999.5 && step < SUFFIXES.length - 1) {
    magnitude /= 1000;
    step++;
  }
  const digits = magnitude < 9.95 && step > 0 ? magnitude.toFixed(1) : Math.round(magnitude).toString();
  return `${sign}${digits}${SUFFIXES[step]}`;
}

/** A count in full, its thousands grouped: "1,240,331". */
export function grouped(value: number): string {
  return value.toLocaleString('en-US');
}

/** Bytes: 512B, 1.2KB, 45MB. */
export function bytes(value: number): string {
  return `${human(value)}B`;
}

/** A rate with its unit: "1.2MB/s", "340/s". */
export function perSecond(value: number, unit = ''): string {
  return `${human(value)}${unit}/s`;
}

/** "3d04h", "5h12m", "7m05s", "42s". */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const days = Math.floor(s / 86400);
  const hours = Math.floor((s % 86400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  const two = (n: number) => n.toString().padStart(2, '0');
  if (days > 0) return `${days}d${two(hours)}h`;
  if (hours > 0) return `${hours}h${two(minutes)}m`;
  if (minutes > 0) return `${minutes}m${two(rest)}s`;
  return `${rest}s`;
}
