// The simulator against the backend contract the kernel backend also passes.

import { backendContract } from '../../contract/backend-contract.js';
import { createDemoBackend } from '../../../src/backend/demo/index.js';

backendContract('demo', async () => createDemoBackend({ scenario: { services: [] }, newServiceTraffic: null }), {
  daemonInterface: 'lo',
});
