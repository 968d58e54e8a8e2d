/**
 * The submission checklists of every provider × environment, in one table that the wizard's
 * Submit step, `oidc-onboard checklist` and the package SUMMARY all read.
 */
import { apiPlatformChecklists } from './nhs-api-platform';
import { cis2Checklists } from './nhs-cis2';
import { nhsLoginChecklists } from './nhs-login';
import type { Checklist, ChecklistTable } from './checklist-schema';

/** The built-in checklist table. */
export const CHECKLISTS: ChecklistTable = [...cis2Checklists, ...nhsLoginChecklists, ...apiPlatformChecklists];

/** The checklist of `provider` × `environment` in `table`, or `undefined` when there is none. */
export function findChecklist(table: ChecklistTable, provider: string, environment: string): Checklist | undefined {
  return table.find((c) => c.provider === provider && c.environment === environment);
}

export type { Checklist, ChecklistAnswer, ChecklistField, ChecklistItem, ChecklistTable, ChecklistWhere, ChecklistWhereKind, PackageUse } from './checklist-schema';
