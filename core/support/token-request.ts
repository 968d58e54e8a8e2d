/**
 * The exact token request a registration's backend sends (the one the assertion helper's curl
 * command and the token-endpoint probe build), with every credential elided: method, URL,
 * headers and form fields, and the same as HTTP/1.1 text.
 */
import { AUTHORIZATION_CODE_PLACEHOLDER, CLIENT_ASSERTION_TYPE } from '../credentials/assertion';

/** What stands in for a removed credential. */
export const ELIDED = '<elided>';

/** A token request with its credentials elided. */
export interface ElidedTokenRequest {
  method: 'POST';
  url: string;
  /** The client authentication method it shows. */
  authMethod: string;
  headers: Record<string, string>;
  /** Form fields in the order sent; credentials are {@link ELIDED}. */
  form: [string, string][];
}

/** Inputs of {@link elidedTokenRequest}. */
export interface TokenRequestInput {
  tokenEndpoint: string;
  authMethod: string;
  grantType: 'client_credentials' | 'authorization_code';
  /** The identifier as it may be shown (masked for an API key); absent when none is saved yet. */
  clientIdShown?: string;
  redirectUri?: string;
}

/** The token request for `input`, credentials elided. */
export function elidedTokenRequest(input: TokenRequestInput): ElidedTokenRequest {
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' };
  const form: [string, string][] = [['grant_type', input.grantType]];
  if (input.grantType === 'authorization_code') {
    form.push(['code', AUTHORIZATION_CODE_PLACEHOLDER]);
    if (input.redirectUri !== undefined) form.push(['redirect_uri', input.redirectUri]);
  }
  const clientId = input.clientIdShown ?? '<Client ID not saved yet>';
  switch (input.authMethod) {
    case 'private_key_jwt':
    case 'client_secret_jwt':
      // The API platform's client_credentials request carries the API key only inside the assertion.
      if (input.grantType === 'authorization_code') form.push(['client_id', clientId]);
      form.push(['client_assertion_type', CLIENT_ASSERTION_TYPE], ['client_assertion', ELIDED]);
      break;
    case 'client_secret_post':
      form.push(['client_id', clientId], ['client_secret', ELIDED]);
      break;
    case 'client_secret_basic':
      headers.Authorization = `Basic ${ELIDED}`;
      break;
    default:
      form.push(['client_id', clientId]);
  }
  return { method: 'POST', url: input.tokenEndpoint, authMethod: input.authMethod, headers, form };
}

/** The request as HTTP/1.1 text (form values URL-encoded, the elision markers left readable). */
export function tokenRequestText(request: ElidedTokenRequest): string {
  const url = new URL(request.url);
  const body = request.form.map(([name, value]) => `${encodeURIComponent(name)}=${value === ELIDED || value.startsWith('<') ? value : encodeURIComponent(value)}`).join('&');
  const lines = [`${request.method} ${url.pathname}${url.search} HTTP/1.1`, `Host: ${url.host}`, ...Object.entries(request.headers).map(([k, v]) => `${k}: ${v}`), '', body];
  return `${lines.join('\r\n')}\r\n`;
}
