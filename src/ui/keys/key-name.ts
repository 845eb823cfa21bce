// One name per keypress ("j", "G", "up", "enter", "ctrl+c"), so the key table can list keys
// as plain strings and the dispatcher can match them without knowing Ink's Key shape.

import type { Key } from 'ink';

export interface KeyEvent {
  /** The printable text typed (may be several characters when pasted); '' for special keys. */
  input: string;
  key: Key;
  /** The key's name, as the key table spells it. */
  name: string;
}

export function keyNameOf(input: string, key: Key): string {
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageUp) return 'pageup';
  if (key.pageDown) return 'pagedown';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.return) return 'enter';
  if (key.escape) return 'escape';
  if (key.tab) return key.shift ? 'shift+tab' : 'tab';
  // Terminals send DEL (0x7f) for Backspace; Ink calls that "delete".
  if (key.backspace || key.delete) return 'backspace';
  if (key.ctrl && input !== '') return `ctrl+${input.toLowerCase()}`;
  return input;
}

export function keyEvent(input: string, key: Key): KeyEvent {
  return { input, key, name: keyNameOf(input, key) };
}
