/** `npm run schema`: print the public schema from Pothos to schema.graphql (a test fails when it drifts). */
import { writeFileSync } from 'node:fs';
import { printPublicSchema } from '../src/schema/index.js';

writeFileSync(new URL('../schema.graphql', import.meta.url), printPublicSchema());
console.log('schema.graphql written');
