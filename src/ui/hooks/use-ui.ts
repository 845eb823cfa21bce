import { useStore } from 'zustand';
import type { UiState } from '../state/ui-store.js';
import { useServices } from './use-services.js';

/** A narrow slice of the UI store (dialogs, prompt, undo). */
export function useUi<T>(selector: (state: UiState) => T): T {
  return useStore(useServices().ui, selector);
}
