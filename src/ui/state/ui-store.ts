// View state that is the UI's alone (the LVS store holds the table, selection and status):
// which dialog or prompt is open, the undo stack and the `:` line's history. A small vanilla
// zustand store, so the commands change it without React and components subscribe with narrow
// selectors.

import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Connection } from '../../backend/backend.js';
import type { Change } from '../../actions/change.js';
import type { FormSpec, FormState } from '../forms/form-model.js';
import { remember, type HistoryWalk } from '../../model/command-history.js';

export interface ConnectionsView {
  /** What the list is filtered to, e.g. "TCP 10.0.0.10:80 → 10.0.1.11:8080". */
  title: string;
  /** Null until the first read; the first matches only, when more matched than the view asks for. */
  rows: readonly Connection[] | null;
  /** Entries that matched at the last read, also those not in `rows`. */
  matched: number;
  /** Entries in the whole table at the last read. */
  total: number;
  error: string | null;
  scroll: number;
}

export type Modal =
  | { kind: 'help'; scroll: number }
  | { kind: 'confirm'; title: string; lines: readonly string[]; confirmLabel: string; onConfirm: () => void }
  | { kind: 'form'; spec: FormSpec; state: FormState; busy: boolean }
  | { kind: 'connections'; view: ConnectionsView; onClose: () => void };

export interface Prompt {
  kind: 'filter' | 'command';
  text: string;
  /** Where typing goes, 0..text.length; absent: at the end. */
  cursor?: number;
  /** Where ↑/↓ has got to in the command history. */
  walk?: HistoryWalk;
}

export interface UndoEntry {
  /** The change that was made, as its ipvsadm command. */
  ipvsadm: string;
  /** What puts it back; null when it cannot be undone (zeroed counters). */
  undo: readonly Change[] | null;
}

export interface UiActions {
  openModal(modal: Modal): void;
  /** Replaces the open modal if it is still of the same kind (async results after a close are dropped). */
  updateModal<K extends Modal['kind']>(kind: K, update: (modal: Extract<Modal, { kind: K }>) => Extract<Modal, { kind: K }>): void;
  closeModal(): void;
  setPrompt(prompt: Prompt | null): void;
  pushUndo(entry: UndoEntry): void;
  popUndo(): UndoEntry | undefined;
  /** Adds an entered `:` line to the history; returns the history as it now is. */
  rememberCommand(line: string): readonly string[];
}

export interface UiState {
  modal: Modal | null;
  prompt: Prompt | null;
  undo: readonly UndoEntry[];
  /** `:` lines entered, oldest first (loaded from the last session when there is one). */
  commandHistory: readonly string[];
  actions: UiActions;
}

export type UiStore = StoreApi<UiState>;

const UNDO_DEPTH = 50;

export function createUiStore(options: { commandHistory?: readonly string[] } = {}): UiStore {
  return createStore<UiState>()((set, get) => ({
    modal: null,
    prompt: null,
    undo: [],
    commandHistory: options.commandHistory ?? [],
    actions: {
      openModal(modal) {
        const open = get().modal;
        if (open?.kind === 'connections') open.onClose();
        set({ modal, prompt: null });
      },
      updateModal(kind, update) {
        const modal = get().modal;
        if (modal?.kind === kind) set({ modal: update(modal as Extract<Modal, { kind: typeof kind }>) });
      },
      closeModal() {
        const modal = get().modal;
        if (modal?.kind === 'connections') modal.onClose();
        if (modal !== null) set({ modal: null });
      },
      setPrompt(prompt) {
        set({ prompt });
      },
      pushUndo(entry) {
        set({ undo: [...get().undo, entry].slice(-UNDO_DEPTH) });
      },
      popUndo() {
        const undo = get().undo;
        const last = undo.at(-1);
        if (last !== undefined) set({ undo: undo.slice(0, -1) });
        return last;
      },
      rememberCommand(line) {
        const commandHistory = remember(get().commandHistory, line);
        set({ commandHistory });
        return commandHistory;
      },
    },
  }));
}
