/**
 * The readable parts of the support pack: README.txt (what is inside, what was removed, and where
 * each thing the provider's support asks for is) and support.md (the same facts, ready to paste
 * into a support ticket).
 */
import { mdCode, mdEscape } from '../text/markdown';
import type { SupportPackFacts } from './support-pack';

/** What each provider's support asks for, mapped to where the pack holds it. */
function askedFor(facts: SupportPackFacts): string[] {
  switch (facts.provider.id) {
    case 'nhs-api-platform':
      return [
        'NHS API platform support asks for (and where it is in this pack):',
        '  - the application name and id ........ support.json "application" (clientName, applicationId)',
        '  - the first and last 4 characters of the API key ... support.json "application.identifier"',
        '  - the JWT header and payload ........... assertion.json',
        '  - the exact request .................... token-request.http (the assertion elided)',
        '  - the time ............................. support.json "createdAt" (UTC) and "localTime" (with its UTC offset)',
      ];
    case 'nhs-cis2':
      return [
        'NHS CIS2 Authentication support asks for (and where it is in this pack):',
        '  - the JWKS URL ......................... support.json "jwksUri" (and the last check of it: jwks-check.md)',
        '  - the JWT (header and payload) ......... assertion.json',
      ];
    default:
      return [
        `${facts.provider.name} support: the pack holds the application name and ids, the JWT header and payload,`,
        'the exact token request (credentials elided), the jwks_uri and its last check, versions, OS and the time.',
      ];
  }
}

function assertionLine(facts: SupportPackFacts): string {
  switch (facts.assertion.source) {
    case 'last-built':
      return `assertion.json     The LAST client assertion OIDC Onboard built (${facts.assertion.builtAt ?? ''}): its header and payload; the signature is removed.`;
    case 'illustration':
      return 'assertion.json     An unsigned ILLUSTRATION: no assertion was built yet, so this shows the header and payload OIDC Onboard would build now.';
    case 'none':
      return `(no assertion.json) ${facts.assertion.note}`;
  }
}

/** README.txt: what is inside and what was removed. */
export function supportPackReadme(facts: SupportPackFacts): string {
  const lines = [
    `OIDC Onboard support pack — ${facts.application.clientName ?? facts.application.registrationId}`,
    `${facts.provider.name}, ${facts.environment.label}`,
    `Made ${facts.localTime} (UTC ${facts.createdAt}) by ${facts.app.name} ${facts.app.version}.`,
    '',
    ...askedFor(facts),
    '',
    'What is inside:',
    '  README.txt         This file.',
    '  support.md         The facts below, ready to paste into a support ticket.',
    '  support.json       The same facts as data: application name and ids, provider and environment, the active key (kid,',
    '                     algorithm, thumbprint), the jwks_uri, the assertion, the token request, versions (app, Node,',
    '                     Electron where present), OS, and the time with its UTC offset.',
    `  ${assertionLine(facts)}`,
    facts.tokenRequest
      ? '  token-request.http The exact token request (method, URL, headers, form fields) with the assertion and any secret elided.'
      : '  (no token-request.http) No token endpoint is known for this environment.',
    facts.lastCheck
      ? `  jwks-check.json    The last jwks_uri check (${facts.lastCheck.startedAt}, ${facts.lastCheck.verdict.toUpperCase()}) as JSON, and jwks-check.md as text.`
      : '  (no jwks-check.*)  No jwks_uri check has been kept for this registration yet.',
    '',
    'What was removed:',
    ...facts.removed.map((r) => `  - ${r}`),
    '',
    'Every byte of this pack was scanned before it was written: it holds no client secret, private key (PEM or JWK private',
    'members), key-file data key, passphrase or full API key. Still, read it before you send it.',
    '',
  ];
  return lines.join('\r\n');
}

/** support.md: the facts for a ticket. */
export function supportPackMarkdown(facts: SupportPackFacts): string {
  const a = facts.application;
  const out = [
    `# Support pack: ${mdEscape(a.clientName ?? a.registrationId)}`,
    '',
    `- Provider: ${mdEscape(facts.provider.name)}, environment ${mdEscape(facts.environment.label)} (${mdCode(facts.environment.id)})`,
    `- Application name: ${a.clientName === null ? '(not set)' : mdCode(a.clientName)}`,
    `- Registration id (OIDC Onboard): ${mdCode(a.registrationId)}`,
    `- ${a.identifier ? `${a.identifier.label}: ${mdCode(a.identifier.value)}${a.identifier.masked ? ' (first and last 4 characters)' : ''}` : 'Client ID / API key: not saved yet'}`,
    ...(facts.provider.id === 'nhs-api-platform' ? [`- Application id: ${a.applicationId === null ? 'not stored (save it with the credentials, or give it with --app-id; it is on the Developer Hub application page)' : mdCode(a.applicationId)}`] : []),
    ...(a.registeredKid !== null ? [`- KID registered with the credentials: ${mdCode(a.registeredKid)}${a.activeKey && a.activeKey.kid !== a.registeredKid ? ' (not the active key)' : ''}`] : []),
    `- Active key: ${a.activeKey ? `${mdCode(a.activeKey.kid)} ${mdCode(a.activeKey.alg)}, thumbprint ${mdCode(a.activeKey.thumbprint)}` : 'none'}`,
    `- Client authentication: ${mdCode(facts.authMethod)}`,
    `- JWKS URL (jwks_uri): ${facts.jwksUri === null ? 'none' : mdCode(facts.jwksUri)}`,
    `- Last jwks_uri check: ${facts.lastCheck ? `${facts.lastCheck.verdict.toUpperCase()} at ${mdEscape(facts.lastCheck.startedAt)}` : 'none kept'}`,
    `- Time: ${mdEscape(facts.localTime)} (UTC ${mdEscape(facts.createdAt)}, ${mdEscape(facts.timeZone)})`,
    `- Versions: OIDC Onboard ${mdEscape(facts.app.version)}, Node ${mdEscape(facts.runtime.node)}${facts.runtime.electron ? `, Electron ${mdEscape(facts.runtime.electron)}` : ''}; OS ${mdEscape(`${facts.os.type} ${facts.os.release} (${facts.os.platform}/${facts.os.arch})`)}`,
    '',
    '## JWT header and payload (signature removed)',
    '',
    mdEscape(facts.assertion.note),
  ];
  if (facts.assertion.header && facts.assertion.payload) {
    out.push('', '```json', JSON.stringify(facts.assertion.header, null, 2), '```', '', '```json', JSON.stringify(facts.assertion.payload, null, 2), '```');
  }
  out.push('', '## Token request (assertion elided)', '');
  if (facts.tokenRequest) {
    const r = facts.tokenRequest;
    out.push(`${r.method} ${mdCode(r.url)}`, '', ...Object.entries(r.headers).map(([k, v]) => `- Header ${mdCode(`${k}: ${v}`)}`), ...r.form.map(([k, v]) => `- Form ${mdCode(`${k}=${v}`)}`));
  } else out.push('No token endpoint is known for this environment.');
  return `${out.join('\n')}\n`;
}
