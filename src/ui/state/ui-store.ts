// View state that is the UI's alone (the LVS store holds the table, selection and status):
// which dialog or prompt is open, and the undo stack. A small vanilla zustand store, so the
// commands change it without React and components subscribe with narrow selectors.

import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Connection } from '../../backend/backend.js';
import type { Change } from '../../actions/change.js';
import type { FormSpec, FormState } from '../forms/form-model.js';

export interface ConnectionsView {
  /** What the list is filtered to, e.g. "TCP 10.0.0.10:80 → 10.0.1.11:8080". */
  title: string;
  /** Null until the first read. */
  rows: readonly Connection[] | null;
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
}

export interface UiState {
  modal: Modal | null;
  prompt: Prompt | null;
  undo: readonly UndoEntry[];
  actions: UiActions;
}

export type UiStore = StoreApi<UiState>;

const UNDO_DEPTH = 50;

export function createUiStore(): UiStore {
  return createStore<UiState>()((set, get) => ({
    modal: null,
    prompt: null,
    undo: [],
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
    },
  }));
}
