/**
 * A registration's submission checklist: the checklist data of its provider × environment with
 * each form field answered from the registration's own values (copy-ready text) and the ticks the
 * user kept. Pure: the same registration and table give the same view.
 */
import type { ChecklistAnswerView, ChecklistView } from '../../contract/schemas/checklist';
import type { Registration } from '../../contract/schemas/registration';
import { AppError } from '../../contract/errors';
import type { Clock } from '../ports';
import type { RegistrationRepository } from '../storage/registrations';
import { CHECKLISTS, findChecklist, type ChecklistField, type ChecklistTable } from '../profiles/checklists';
import { nhsJwksEnvironment } from '../profiles/checklists/nhs-jwks-environments';
import { findEnvironment } from '../profiles';
import { profileFor } from './profile-for';

function text(value: unknown, labels?: Readonly<Record<string, string>>): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (Array.isArray(value)) {
    const parts = value.map((v) => text(v, labels)).filter((v): v is string => v !== undefined);
    return parts.length === 0 ? undefined : parts.join('\n');
  }
  const raw = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
  return labels && Object.hasOwn(labels, raw) ? labels[raw] : raw;
}

/** The active key's public facts (core/keys `activeKeyFacts`); the registration layer sits below keys. */
export interface ChecklistKeyFacts {
  kid: string;
  alg: string;
  thumbprint: string;
  publicPem: string;
}

function answer(field: ChecklistField, reg: Registration, environmentLabel: string, key: ChecklistKeyFacts | undefined): ChecklistAnswerView {
  const base = { id: field.id, label: field.label, ...(field.note && { note: field.note }) };
  const found = (uses: string, value: string | undefined, whenMissing?: string): ChecklistAnswerView => {
    if (value !== undefined) return { ...base, uses, value, missing: false };
    if (whenMissing !== undefined) return { ...base, uses, value: whenMissing, missing: false };
    return { ...base, uses, missing: true };
  };
  const a = field.answer;
  switch (a.from) {
    case 'metadata':
      return found(`metadata.${a.member}`, text(Object.hasOwn(reg.metadata, a.member) ? reg.metadata[a.member] : undefined, a.labels), a.whenMissing);
    case 'key': {
      const value = key === undefined ? undefined : a.member === 'public_pem' ? key.publicPem.trimEnd() : key[a.member];
      return found(`key.${a.member}`, value);
    }
    case 'registration': {
      if (a.member === 'environment') return found('registration.environment', environmentLabel);
      const env = nhsJwksEnvironment(reg.provider, reg.environment);
      return env.ok ? found('registration.nhs_jwks_environment', env.name) : { ...base, uses: 'registration.nhs_jwks_environment', missing: true, hint: env.reason };
    }
    case 'credentials':
      return found(`credentials.${a.member}`, reg.credentials?.clientId);
    case 'you':
      return { ...base, uses: 'you', missing: false, hint: a.hint };
  }
}

/**
 * The checklist of `reg` from `table` (the built-in table by default), answers filled in from
 * its values and its active `key`. When the table has no checklist for the provider ×
 * environment, the view says so and carries the profile's own submission text.
 */
export function resolveChecklist(reg: Registration, options: { table?: ChecklistTable | undefined; key?: ChecklistKeyFacts | undefined } = {}): ChecklistView {
  const table = options.table ?? CHECKLISTS;
  const profile = profileFor(reg);
  const env = findEnvironment(profile, reg.environment);
  const environmentName = env?.label ?? reg.environment;
  const checklist = findChecklist(table, reg.provider, reg.environment);
  const head = { registrationId: reg.id, provider: reg.provider, environment: reg.environment, providerName: profile.name, environmentName };
  if (!checklist) {
    return {
      ...head,
      available: false,
      intro: env?.submission.text ?? `No submission steps are known for ${profile.name} · ${environmentName}.`,
      package: { role: 'attach', text: 'Send this .zip file as it is, and quote its SHA-256 (printed by `oidc-onboard package` and shown in the app) so the recipient can confirm they received the same file. Anyone can check it with `oidc-onboard verify-package <file>`.' },
      items: [],
      progress: { done: 0, total: 0 },
    };
  }
  const ticks = reg.checklist ?? {};
  const items = checklist.items.map((item) => {
    const tick = Object.hasOwn(ticks, item.id) ? ticks[item.id] : undefined;
    return {
      id: item.id,
      title: item.title,
      where: { kind: item.where.kind, name: item.where.name, ...(item.where.url && { url: item.where.url }) },
      detail: item.detail,
      answers: item.fields.map((field) => answer(field, reg, environmentName, options.key)),
      ...(item.returns && { returns: item.returns }),
      source: { title: item.source.title, url: item.source.url },
      corroboration: (item.corroboration ?? []).map((s) => ({ title: s.title, url: s.url })),
      optional: item.optional === true,
      ...(item.alternativeTo && { alternativeTo: item.alternativeTo }),
      done: tick !== undefined,
      ...(tick && { doneAt: tick.doneAt }),
    };
  });
  return { ...head, available: true, intro: checklist.intro, package: { ...checklist.package }, items, progress: { done: items.filter((i) => i.done).length, total: items.length } };
}

/** The checklist as plain text (the CLI's output and the fallback for copying a whole item). */
export function checklistText(view: ChecklistView): string {
  const out = [`Submission checklist: ${view.providerName} · ${view.environmentName} (${view.progress.done}/${view.progress.total} done)`, '', view.intro, ''];
  view.items.forEach((item, index) => {
    out.push(`${item.done ? '[x]' : '[ ]'} ${index + 1}. ${item.title}${item.optional ? ' (optional)' : ''}   id: ${item.id}`);
    out.push(`    Where: ${item.where.name}${item.where.url ? ` <${item.where.url}>` : ''}`);
    out.push(`    ${item.detail}`);
    for (const a of item.answers) {
      if (a.uses === 'you') out.push(`    - ${a.label}: (you supply) ${a.hint ?? ''}`.trimEnd());
      else if (a.missing) out.push(`    - ${a.label}: MISSING — set ${a.uses}${a.hint ? ` (${a.hint})` : ''}`);
      else if (a.value?.includes('\n')) out.push(`    - ${a.label} (${a.uses}):`, ...a.value.split('\n').map((line) => `        ${line}`));
      else out.push(`    - ${a.label} (${a.uses}): ${a.value}`);
    }
    if (item.returns) out.push(`    Comes back: ${item.returns}`);
    out.push(`    Source: ${item.source.url}`);
    for (const c of item.corroboration) out.push(`    See also: ${c.url}`);
    out.push('');
  });
  out.push(`The package: ${view.package.text}`, '');
  return out.join('\n');
}

/**
 * Ticks (`done`) or unticks item `itemId` of registration `id` in the settings file (a locked
 * read-modify-write that changes only `registration.checklist`).
 *
 * @throws AppError `NOT_FOUND` for an unknown registration or an item id not in its checklist.
 */
export function tickChecklistItem(deps: { registrations: RegistrationRepository; clock: Clock; table?: ChecklistTable | undefined }, id: string, itemId: string, done: boolean): void {
  const now = deps.clock.now().toISOString();
  deps.registrations.update(id, (reg) => {
    const known = findChecklist(deps.table ?? CHECKLISTS, reg.provider, reg.environment)?.items.map((i) => i.id) ?? [];
    if (!known.includes(itemId)) throw new AppError('NOT_FOUND', `No checklist item "${itemId}" for ${id}. Known: ${known.join(', ') || 'none'}.`, { details: { id, itemId } });
    const ticks = { ...reg.checklist };
    if (done) ticks[itemId] = { doneAt: Object.hasOwn(ticks, itemId) ? ticks[itemId]!.doneAt : now };
    else delete ticks[itemId];
    reg.checklist = ticks;
  });
}
