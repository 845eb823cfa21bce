import { KeypressProvider } from './keys/dispatcher.js';
// Frames drawn without Ink's per-cell pass where they allow it (see the module).
import './terminal/fast-output.js';
import { Screen } from './components/Screen.js';
import { ServicesContext, type UiServices } from './services.js';
import { ThemeContext, themeFor } from './theme.js';

/** The root: services, colours and the one keypress dispatcher around the screen. */
export function App({ services }: { services: UiServices }) {
  return (
    <ServicesContext.Provider value={services}>
      <ThemeContext.Provider value={themeFor(services.color)}>
        <KeypressProvider>
          <Screen />
        </KeypressProvider>
      </ThemeContext.Provider>
    </ServicesContext.Provider>
  );
}
