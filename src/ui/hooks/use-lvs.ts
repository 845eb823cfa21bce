import { useStore } from 'zustand';
import type { LvsState } from '../../store/state.js';
import { useServices } from './use-services.js';

/** A narrow slice of the LVS store; the component re-renders only when the slice changes. */
export function useLvs<T>(selector: (state: LvsState) => T): T {
  return useStore(useServices().store, selector);
}
