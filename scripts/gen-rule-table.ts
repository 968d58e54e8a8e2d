/**
 * Prints the registration rule catalogue as Markdown (the content of docs/rules.md).
 * Usage: npm exec -- node --import tsx scripts/gen-rule-table.ts > docs/rules.md
 */
import { renderRuleTable } from '../core/registration/rule-table';

process.stdout.write(renderRuleTable());
