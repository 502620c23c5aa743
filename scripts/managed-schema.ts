/**
 * `npm run managed-schema`: writes public/managed_schema.json from the zod DeviceConfig
 * (src/deploy/managed-schema.ts). Run it after changing a managed setting; the unit tests fail
 * while the committed file differs.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { managedSchemaJson } from '../src/deploy/managed-schema.ts';

const file = resolve(import.meta.dirname, '../public/managed_schema.json');
writeFileSync(file, managedSchemaJson());
console.log(`wrote ${file}`);
