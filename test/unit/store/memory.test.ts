import { describe } from 'vitest';
import { MemoryStore } from '../../../src/store/memory.js';
import { storeContract } from '../../support/store-contract.js';

describe('MemoryStore', () => storeContract(async () => new MemoryStore()));
