// Every key of the main screen, in one table: the dispatcher matches keypresses against it, and
// the help overlay and the footer are generated from it, so what is documented is what works.

export type ActionId =
  | 'up'
  | 'down'
  | 'pageUp'
  | 'pageDown'
  | 'top'
  | 'bottom'
  | 'toggle'
  | 'expand'
  | 'collapse'
  | 'filter'
  | 'sortNext'
  | 'sortReverse'
  | 'metric'
  | 'drain'
  | 'restore'
  | 'weightUp'
  | 'weightDown'
  | 'weightExact'
  | 'addServer'
  | 'addService'
  | 'edit'
  | 'delete'
  | 'zero'
  | 'zeroAll'
  | 'undo'
  | 'connections'
  | 'command'
  | 'pause'
  | 'help'
  | 'quit';

/** What must be selected for a key to apply. */
export type KeyContext = 'any' | 'row' | 'server';

export interface KeyBinding {
  action: ActionId;
  /** Key names as keyNameOf() gives them. */
  keys: readonly string[];
  /** How the keys are written in the help and the footer. */
  label: string;
  description: string;
  /** Changes IPVS: refused (and shown disabled) under --read-only. */
  dangerous: boolean;
  context: KeyContext;
  /** A word or two for the footer; bindings without one appear only in the help. */
  hint?: string;
  /** The keys as the footer writes them, when not `label` (e.g. "↑↓" for both moves). */
  hintLabel?: string;
}

export const KEY_TABLE: readonly KeyBinding[] = [
  { action: 'up', keys: ['up', 'k'], label: '↑ k', description: 'move up', dangerous: false, context: 'any', hint: 'move', hintLabel: '↑↓' },
  { action: 'down', keys: ['down', 'j'], label: '↓ j', description: 'move down', dangerous: false, context: 'any' },
  { action: 'pageUp', keys: ['pageup', 'ctrl+b'], label: 'PgUp', description: 'page up', dangerous: false, context: 'any' },
  { action: 'pageDown', keys: ['pagedown', 'ctrl+f'], label: 'PgDn', description: 'page down', dangerous: false, context: 'any' },
  { action: 'top', keys: ['g', 'home'], label: 'g', description: 'go to the first row', dangerous: false, context: 'any' },
  { action: 'bottom', keys: ['G', 'end'], label: 'G', description: 'go to the last row', dangerous: false, context: 'any' },
  { action: 'toggle', keys: ['enter'], label: 'Enter', description: 'expand or collapse a service', dangerous: false, context: 'row', hint: 'expand', hintLabel: '⏎' },
  { action: 'expand', keys: ['right', 'l'], label: '→ l', description: 'expand a service to its real servers', dangerous: false, context: 'row' },
  { action: 'collapse', keys: ['left', 'h'], label: '← h', description: 'collapse a service', dangerous: false, context: 'row' },
  { action: 'filter', keys: ['/'], label: '/', description: 'filter by address, port or scheduler (Esc clears)', dangerous: false, context: 'any', hint: 'filter' },
  { action: 'sortNext', keys: ['s'], label: 's', description: 'sort by the next column', dangerous: false, context: 'any', hint: 'sort' },
  { action: 'sortReverse', keys: ['S'], label: 'S', description: 'reverse the sort', dangerous: false, context: 'any' },
  { action: 'metric', keys: ['m'], label: 'm', description: 'next metric for the sparklines and chart', dangerous: false, context: 'any', hint: 'metric' },
  { action: 'drain', keys: ['d'], label: 'd', description: 'drain the real server: weight 0, old weight remembered', dangerous: true, context: 'server', hint: 'drain' },
  { action: 'restore', keys: ['r'], label: 'r', description: 'restore a drained server to its remembered weight', dangerous: true, context: 'server', hint: 'restore' },
  { action: 'weightUp', keys: ['+', '='], label: '+', description: 'weight +1', dangerous: true, context: 'server', hint: 'weight', hintLabel: '+-w' },
  { action: 'weightDown', keys: ['-'], label: '-', description: 'weight -1', dangerous: true, context: 'server' },
  { action: 'weightExact', keys: ['w'], label: 'w', description: 'type an exact weight', dangerous: true, context: 'server' },
  { action: 'addServer', keys: ['a'], label: 'a', description: 'add a real server to the selected service', dangerous: true, context: 'row', hint: 'add' },
  { action: 'addService', keys: ['A'], label: 'A', description: 'add a virtual service', dangerous: true, context: 'any' },
  { action: 'edit', keys: ['e'], label: 'e', description: 'edit the selected service or real server', dangerous: true, context: 'row', hint: 'edit' },
  { action: 'delete', keys: ['x'], label: 'x', description: 'delete the selected service or real server (asks first)', dangerous: true, context: 'row', hint: 'delete' },
  { action: 'zero', keys: ['z'], label: 'z', description: 'zero the counters of the selected service', dangerous: true, context: 'row' },
  { action: 'zeroAll', keys: ['Z'], label: 'Z', description: 'zero the counters of every service (asks first)', dangerous: true, context: 'any' },
  { action: 'undo', keys: ['u'], label: 'u', description: 'undo the last change', dangerous: true, context: 'any', hint: 'undo' },
  { action: 'connections', keys: ['c'], label: 'c', description: 'connection table, filtered to the selection', dangerous: false, context: 'any', hint: 'conns' },
  { action: 'command', keys: [':'], label: ':', description: 'command line in ipvsadm syntax (↑↓ recalls earlier commands), e.g. -e -t 10.0.0.1:80 -r 10.0.0.2:80 -w 5', dangerous: true, context: 'any', hint: 'ipvsadm' },
  { action: 'pause', keys: ['p'], label: 'p', description: 'pause / resume polling', dangerous: false, context: 'any', hint: 'pause' },
  { action: 'help', keys: ['?'], label: '?', description: 'this help', dangerous: false, context: 'any', hint: 'help' },
  { action: 'quit', keys: ['q', 'ctrl+c'], label: 'q Ctrl-C', description: 'quit', dangerous: false, context: 'any', hint: 'quit', hintLabel: 'q' },
];

const byKey = new Map<string, KeyBinding>();
for (const binding of KEY_TABLE) for (const key of binding.keys) byKey.set(key, binding);

/** The binding of a key name, if any. */
export function bindingFor(keyName: string): KeyBinding | undefined {
  return byKey.get(keyName);
}
