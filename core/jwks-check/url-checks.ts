/**
 * URL form checks, judged before any network activity. Each rule is checked on its own
 * (the fetcher's URL policy stops at the first refusal) so the report lists every
 * problem of the URL at once.
 */
import { isAppError } from '../../contract/errors';
import { parseTargetUrl } from '../net/url-policy';
import { makeCheck, shorten } from './check';
import type { Check } from '../../contract/schemas/jwks-check';

/** Ids of {@link urlChecks}, in order. */
export const URL_CHECK_IDS = ['url.syntax', 'url.https', 'url.no-fragment', 'url.no-userinfo'] as const;

function authorityOf(input: string): string {
  const afterScheme = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/(.*)$/s.exec(input)?.[1] ?? '';
  return /^[^/?#]*/.exec(afterScheme)?.[0] ?? '';
}

/** The URL checks of `input`; the fetch may go ahead only when none fails. */
export function urlChecks(input: string): Check[] {
  const shown = shorten(input, 200);
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(input)?.[1]?.toLowerCase();
  const https =
    scheme === 'https'
      ? makeCheck('url.https', 'pass', 'The URL uses https.')
      : makeCheck('url.https', 'fail', scheme === undefined ? 'The URL has no scheme; it must start with https://.' : `The URL uses "${scheme}:", not https.`, { evidence: { scheme: scheme ?? null } });

  const hashAt = input.indexOf('#');
  const fragment =
    hashAt === -1
      ? makeCheck('url.no-fragment', 'pass', 'The URL has no fragment.')
      : makeCheck('url.no-fragment', 'fail', `The URL has a fragment (${shorten(input.slice(hashAt), 60)}).`);

  const authority = authorityOf(input);
  const userinfo = authority.includes('@')
    ? makeCheck('url.no-userinfo', 'fail', 'The URL contains a user name or password before "@".')
    : makeCheck('url.no-userinfo', 'pass', 'The URL has no user name or password.');

  // Judge the rest of the syntax on a copy without the problems reported above, so one
  // mistake is not reported twice.
  let cleaned = hashAt === -1 ? input : input.slice(0, hashAt);
  if (authority.includes('@')) cleaned = cleaned.replace(authority, authority.slice(authority.lastIndexOf('@') + 1));
  if (scheme !== undefined && scheme !== 'https' && scheme !== 'http') cleaned = `https${cleaned.slice(scheme.length)}`;
  let syntax: Check;
  try {
    const url = parseTargetUrl(cleaned.replace(/^http:/i, 'https:'));
    syntax = makeCheck('url.syntax', 'pass', `A well-formed absolute URL for host ${url.hostname}.`, { evidence: { url: shown, host: url.hostname } });
  } catch (err) {
    const reason = isAppError(err) ? String(err.details?.reason ?? 'invalid-url') : 'invalid-url';
    const message = err instanceof Error ? err.message : 'The URL is not valid.';
    syntax = makeCheck('url.syntax', 'fail', message, { evidence: { url: shown, reason } });
  }
  return [syntax, https, fragment, userinfo];
}
