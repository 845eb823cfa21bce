import { runAction } from '../commands/actions.js';
import { PRIORITY } from '../keys/dispatcher.js';
import { bindingFor } from '../keys/key-table.js';
import { useCommandContext } from './use-command-context.js';
import { useKeypress } from './use-keypress.js';

/** The main screen's keys, looked up in the key table (dialogs and prompts come first). */
export function useMainKeys(): void {
  const ctx = useCommandContext();
  useKeypress(
    ({ name, input }) => {
      // Keys typed faster than they are read arrive together ("jjj"): take them one by one.
      const bindings = bindingFor(name) !== undefined || input.length <= 1 ? [bindingFor(name)] : [...input].map((char) => bindingFor(char));
      if (bindings.every((binding) => binding === undefined)) return false;
      for (const binding of bindings) if (binding !== undefined) void runAction(ctx, binding);
      return true;
    },
    { priority: PRIORITY.MAIN },
  );
}
