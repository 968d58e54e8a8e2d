// Writes docs/jwks-checks.md from the jwks_uri check catalogue (run: node --import tsx scripts/gen-jwks-check-table.ts).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renderCheckTable } from '../core/jwks-check/check-table';

const target = path.resolve(import.meta.dirname, '../docs/jwks-checks.md');
await writeFile(target, renderCheckTable(), 'utf8');
process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
