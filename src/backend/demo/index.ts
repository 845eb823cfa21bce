// The --demo simulator: createDemoBackend() and what its callers may want to name.

import { DemoBackend, type DemoBackendOptions } from './demo-backend.js';

export { DemoBackend, DEFAULT_TIMEOUTS, DEMO_IPVS_INFO, type DemoBackendOptions } from './demo-backend.js';
export type { GenerateOptions } from './generate.js';
export type { Behaviour } from './model.js';
export type { Scenario, ScenarioServer, ScenarioService } from './scenario.js';
export { BUILT_IN_SCENARIO, readScenarioFile } from './scenario-file.js';
export { KERNEL_SCHEDULERS } from './schedulers/index.js';
export { DEFAULT_TRAFFIC, type TrafficProfile } from './traffic-profile.js';

/**
 * An in-memory IPVS with traffic. With no options: the built-in scenario, seed 1, real time.
 * `{ generate: { services: 5000, serversPerService: 5 } }` builds a big table instead.
 */
export function createDemoBackend(options: DemoBackendOptions = {}): DemoBackend {
  return new DemoBackend(options);
}
