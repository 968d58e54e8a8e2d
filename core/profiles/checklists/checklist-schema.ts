/**
 * The shape of a submission checklist: the NHS steps around a registration for one provider ×
 * environment (portals, forms, e-mails, Connection Manager), what each asks for — named by the
 * registration member it comes from, so copy-ready answers are read from the registration —
 * what comes back, and the official page that says so.
 *
 * Checklists are data: the wizard's Submit step, `oidc-onboard checklist` and the package's
 * SUMMARY all read the same table, so they cannot disagree.
 */
import type { Source } from '../sources';

/** Where a step is done. */
export type ChecklistWhereKind = 'connection-manager' | 'e-mail' | 'form' | 'portal' | 'repository' | 'your-server';

/** The place a step happens, with its address when NHS publishes one. */
export interface ChecklistWhere {
  kind: ChecklistWhereKind;
  /** The name NHS uses, e.g. "Connection Manager", "NHS login sandpit request form". */
  name: string;
  /** Address of the portal or form, when NHS publishes one (https only). */
  url?: string;
}

/**
 * Where the answer to a form field comes from.
 * - `metadata`: a client metadata member of the registration (`labels` maps stored values to
 *   the wording of the form; `whenMissing` is the answer when an optional member is absent).
 * - `key`: the active signing key (`public_pem` is the SPKI PEM to paste as text).
 * - `registration`: facts of the registration itself.
 * - `credentials`: what the provider issued and the user stored.
 * - `you`: a value the tool does not hold (Team ID, ODS code…): `hint` says where to find it.
 */
export type ChecklistAnswer =
  | { from: 'metadata'; member: string; labels?: Readonly<Record<string, string>>; whenMissing?: string }
  | { from: 'key'; member: 'public_pem' | 'kid' | 'alg' | 'thumbprint' }
  | { from: 'registration'; member: 'environment' | 'nhs_jwks_environment' }
  | { from: 'credentials'; member: 'client_id' }
  | { from: 'you'; hint: string };

/** One field a form or portal asks for. */
export interface ChecklistField {
  id: string;
  /** The field's label as NHS's form or page words it. */
  label: string;
  answer: ChecklistAnswer;
  note?: string;
}

/** One step of a checklist. */
export interface ChecklistItem {
  /** Stable within its checklist: ticks are stored under it. */
  id: string;
  /** What to do, as an imperative. */
  title: string;
  where: ChecklistWhere;
  /** Why and how, in plain language. */
  detail: string;
  fields: readonly ChecklistField[];
  /** What comes back (an id, an e-mail, access). */
  returns?: string;
  /** The official page that describes the step. */
  source: Source;
  /** Further official pages, or community threads as corroboration only. */
  corroboration?: readonly Source[];
  /** Not needed by everyone (e.g. an alternative route). */
  optional?: boolean;
  /** The item this one replaces when taken (e.g. NHS-hosted JWKS instead of your own URL). */
  alternativeTo?: string;
}

/**
 * What the package is for in this environment: `attach` when NHS takes the values by e-mail (the
 * .zip may go with them), `record` when a portal or form takes the values and no file (the .zip
 * is the signed record of what was entered).
 */
export interface PackageUse {
  role: 'attach' | 'record';
  text: string;
}

/** The checklist of one provider × environment. */
export interface Checklist {
  provider: string;
  environment: string;
  /** One or two sentences: the route in short. */
  intro: string;
  package: PackageUse;
  items: readonly ChecklistItem[];
}

/** Every checklist; tests inject their own. */
export type ChecklistTable = readonly Checklist[];
