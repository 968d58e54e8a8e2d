/**
 * The options of `set`, one group per registration member: `--<member>` sets a value,
 * `--clear-<member>` removes it, and list members have `--add-…`/`--remove-…`/`--clear-…`.
 * The table covers every member of `METADATA_MEMBERS` (a test holds it to that), plus notes and
 * a generic `--member name=JSON` for the other standard members.
 */
import { AppError } from '../../contract/errors';
import type { ValueChanges } from '../../core/registration/drafts';
import { usageError, type CliContext } from '../context';
import { readInputText } from '../input';
import type { OptionDecl, OptionValues } from '../spec';

type Kind = 'string' | 'list' | 'boolean' | 'jwks-file';

/** One member as `set` offers it. */
interface MemberFlag {
  member: string;
  kind: Kind;
  /** The flag stem (`redirect-uri`); for lists the singular item. */
  flag: string;
  /** The plural for `--clear-<lists>` (lists only). */
  plural?: string;
  value: string;
  description: string;
  choices?: readonly string[];
  /** Old spellings kept (`--redirect-uri` adds). */
  legacy?: string;
}

/** Every client metadata member `set` changes by name. */
export const MEMBER_FLAGS: readonly MemberFlag[] = [
  { member: 'client_name', kind: 'string', flag: 'client-name', value: '<name>', description: 'client_name: the application name users see' },
  { member: 'redirect_uris', kind: 'list', flag: 'redirect-uri', plural: 'redirect-uris', value: '<uri>', description: 'redirect_uris: where the provider sends users back (exact match)', legacy: 'redirect-uri' },
  { member: 'jwks_uri', kind: 'string', flag: 'jwks-uri', value: '<url>', description: 'jwks_uri: the HTTPS URL of your public JWK Set' },
  { member: 'jwks', kind: 'jwks-file', flag: 'jwks', value: '<file.json>', description: 'jwks: a public JWK Set given by value, read from a file (instead of jwks_uri)' },
  { member: 'contacts', kind: 'list', flag: 'contact', plural: 'contacts', value: '<email>', description: 'contacts: e-mail addresses of the people responsible', legacy: 'contact' },
  { member: 'token_endpoint_auth_method', kind: 'string', flag: 'auth-method', value: '<method>', description: 'token_endpoint_auth_method: private_key_jwt, client_secret_post, client_secret_basic …' },
  { member: 'token_endpoint_auth_signing_alg', kind: 'string', flag: 'signing-alg', value: '<alg>', description: 'token_endpoint_auth_signing_alg: the client assertion algorithm (RS512, PS256, ES256 …)' },
  { member: 'id_token_signed_response_alg', kind: 'string', flag: 'id-token-alg', value: '<alg>', description: 'id_token_signed_response_alg: the ID token signature algorithm you expect' },
  { member: 'userinfo_signed_response_alg', kind: 'string', flag: 'userinfo-alg', value: '<alg>', description: 'userinfo_signed_response_alg: a signed UserInfo response with this algorithm' },
  { member: 'backchannel_logout_uri', kind: 'string', flag: 'backchannel-logout-uri', value: '<url>', description: 'backchannel_logout_uri: where the provider POSTs logout tokens' },
  { member: 'backchannel_logout_session_required', kind: 'boolean', flag: 'backchannel-logout-session-required', value: 'true|false', choices: ['true', 'false'], description: 'backchannel_logout_session_required: logout tokens carry the sid claim' },
  { member: 'application_type', kind: 'string', flag: 'application-type', value: 'web|native', choices: ['web', 'native'], description: 'application_type: web (default) or native (mobile and desktop apps)' },
  { member: 'logo_uri', kind: 'string', flag: 'logo-uri', value: '<url>', description: 'logo_uri: your logo, shown on the sign-in page' },
  { member: 'policy_uri', kind: 'string', flag: 'policy-uri', value: '<url>', description: 'policy_uri: your privacy policy' },
  { member: 'tos_uri', kind: 'string', flag: 'tos-uri', value: '<url>', description: 'tos_uri: your terms of service' },
  { member: 'client_uri', kind: 'string', flag: 'client-uri', value: '<url>', description: "client_uri: your service's home page" },
];

function optionsOf(m: MemberFlag): [string, OptionDecl][] {
  const what = m.member;
  if (m.kind === 'list') {
    return [
      [`add-${m.flag}`, { type: 'string', multiple: true, value: m.value, description: `add to ${m.description}` }],
      [`remove-${m.flag}`, { type: 'string', multiple: true, value: m.value, description: `remove from ${what}` }],
      [`clear-${m.plural}`, { type: 'boolean', description: `empty ${what}` }],
      ...(m.legacy ? [[m.legacy, { type: 'string', multiple: true, value: m.value, legacy: true, description: `same as --add-${m.flag}` }] as [string, OptionDecl]] : []),
    ];
  }
  return [
    [m.flag, { type: 'string', value: m.value, description: m.description, ...(m.choices && { choices: m.choices }), ...(m.kind === 'jwks-file' && { complete: 'file' as const }) }],
    [`clear-${m.flag}`, { type: 'boolean', description: `remove ${what}` }],
  ];
}

/** The declared options of `set`. */
export const SET_OPTIONS = {
  ...(Object.fromEntries(MEMBER_FLAGS.flatMap(optionsOf)) as Record<string, OptionDecl>),
  member: { type: 'string', multiple: true, value: '<name>=<JSON>', description: 'set any other standard member, e.g. post_logout_redirect_uris=\'["https://…"]\' (a bare word is taken as a string)' },
  'clear-member': { type: 'string', multiple: true, value: '<name>', description: 'remove any member by its metadata name' },
  notes: { type: 'string', value: '<text>', description: 'your own notes kept with the draft (never sent)' },
  'clear-notes': { type: 'boolean', description: 'remove the notes' },
} as const satisfies Record<string, OptionDecl>;

const has = (values: Record<string, unknown>, name: string) => values[name] !== undefined && values[name] !== false;

/** `name=value` of `--member`: the value as JSON, or the text itself when it is not JSON. */
function parseMemberAssignment(text: string): [string, unknown] {
  const eq = text.indexOf('=');
  if (eq <= 0) throw usageError(`--member takes <name>=<JSON value>, not "${text}".`);
  const raw = text.slice(eq + 1);
  try {
    return [text.slice(0, eq), JSON.parse(raw) as unknown];
  } catch {
    return [text.slice(0, eq), raw];
  }
}

/** Turns the parsed options of `set` into the draft service's changes; refuses setting and clearing one member together. */
export async function memberChanges(context: CliContext, values: OptionValues<typeof SET_OPTIONS>): Promise<ValueChanges> {
  const v = values as Record<string, unknown>;
  const members: Record<string, unknown> = {};
  const add: Record<string, string[]> = {};
  const remove: Record<string, string[]> = {};
  const clear: string[] = [];
  for (const m of MEMBER_FLAGS) {
    if (m.kind === 'list') {
      const added = [...((v[`add-${m.flag}`] as string[] | undefined) ?? []), ...((m.legacy && (v[m.legacy] as string[] | undefined)) || [])];
      if (added.length) add[m.member] = added;
      if (v[`remove-${m.flag}`]) remove[m.member] = v[`remove-${m.flag}`] as string[];
      if (has(v, `clear-${m.plural}`)) clear.push(m.member);
      continue;
    }
    const given = v[m.flag] as string | undefined;
    if (given !== undefined && has(v, `clear-${m.flag}`)) throw usageError(`Give --${m.flag} or --clear-${m.flag}, not both.`);
    if (has(v, `clear-${m.flag}`)) clear.push(m.member);
    if (given === undefined) continue;
    if (m.kind === 'boolean') members[m.member] = given === 'true';
    else if (m.kind === 'jwks-file') {
      const text = await readInputText(context, given, 'JWK Set file');
      try {
        members[m.member] = JSON.parse(text) as unknown;
      } catch (error) {
        throw new AppError('INPUT_UNREADABLE', `${given} is not JSON: ${(error as Error).message}`);
      }
    } else members[m.member] = given;
  }
  for (const text of (v.member as string[] | undefined) ?? []) {
    const [name, value] = parseMemberAssignment(text);
    Object.defineProperty(members, name, { value, enumerable: true, writable: true, configurable: true });
  }
  clear.push(...((v['clear-member'] as string[] | undefined) ?? []));
  if (values.notes !== undefined && values['clear-notes']) throw usageError('Give --notes or --clear-notes, not both.');
  return {
    ...(Object.keys(members).length > 0 && { members }),
    ...(Object.keys(add).length > 0 && { add }),
    ...(Object.keys(remove).length > 0 && { remove }),
    ...(clear.length > 0 && { clear }),
    ...(values.notes !== undefined && { notes: values.notes }),
    ...(values['clear-notes'] && { notes: '' }),
  };
}
