// The made-up client population, computed once per address and shared by all services.

import type { AddressFamily } from '../../ipvs/types.js';
import { addressBytes, clientAddress, foldAddress } from './addresses.js';

export interface Client {
  address: string;
  bytes: number[];
  fold: number;
}

const pools: Record<AddressFamily, Client[]> = { inet: [], inet6: [] };

export function client(family: AddressFamily, index: number): Client {
  const pool = pools[family];
  let known = pool[index];
  if (known === undefined) {
    const address = clientAddress(family, index);
    const bytes = addressBytes(address);
    known = { address, bytes, fold: foldAddress(bytes) };
    pool[index] = known;
  }
  return known;
}
