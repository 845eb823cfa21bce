// The backend contract against the real kernel, through the netlink backend. Runs in the lab
// guest with the other lab tests (`npm run test:lab`).

import { NetlinkBackend } from '../../src/backend/kernel/netlink-backend.js';
import { backendContract } from '../contract/backend-contract.js';

backendContract('kernel (netlink)', () => NetlinkBackend.open(), { daemonInterface: 'lo' });
