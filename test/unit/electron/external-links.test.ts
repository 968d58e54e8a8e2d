import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from '../../../electron/external-links';

describe('isAllowedExternalUrl', () => {
  it.each([
    'https://www.rfc-editor.org/rfc/rfc7591',
    'https://datatracker.ietf.org/doc/html/rfc7517#section-4',
    'https://openid.net/specs/openid-connect-registration-1_0.html',
    'https://digital.nhs.uk/services/nhs-login',
    'https://github.com/NHSDigital/identity-service-jwks/blob/d6609ad97d853e905f4fd4f7999d40b11488840a/scripts/make_jwk.py',
    'https://github.com/nhsconnect/nhslogin',
    'https://www.rfc-editor.org:443/rfc/rfc7638', // explicit default port normalises away
    'HTTPS://WWW.RFC-EDITOR.ORG/rfc/rfc7638',
  ])('allows %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });

  it.each([
    ['javascript:', 'javascript:alert(document.cookie)'],
    ['javascript: with an https-looking tail', 'javascript://www.rfc-editor.org/%0aalert(1)'],
    ['file:', 'file:///etc/passwd'],
    ['file: UNC', 'file://attacker.example/share/x.exe'],
    ['smb:', 'smb://attacker.example/share/x.exe'],
    ['ms-msdt:', 'ms-msdt:/id PCWDiagnostic /skip force /param "IT_RebrowseForFile=?"'],
    ['search-ms:', 'search-ms:query=x&crumb=location:\\\\attacker.example\\share'],
    ['vscode:', 'vscode://file/etc/passwd'],
    ['http:', 'http://www.rfc-editor.org/rfc/rfc7591'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['allowed host as a subdomain of an attacker', 'https://www.rfc-editor.org.attacker.example/'],
    ['attacker subdomain of an allowed host', 'https://allowed.example.attacker.com/'],
    ['attacker host with allowed host as a subdomain', 'https://github.com.attacker.example/'],
    ['sub-domain not on the list', 'https://evil.github.com/'],
    ['a github.com owner that is not NHS', 'https://github.com/attacker/repo'],
    ['github.com root', 'https://github.com/'],
    ['an NHS-looking owner prefix', 'https://github.com/NHSDigitalX/repo'],
    ['a third-party mirror of digital.nhs.uk', 'https://nhsd-proxy.dokku3.ebmdatalab.net/services/care-identity-service'],
    ['NHS pre-production', 'https://production-like.nhsd.io/services/care-identity-service'],
    ['userinfo', 'https://user@github.com/'],
    ['userinfo tricking the eye', 'https://github.com@attacker.example/'],
    ['password', 'https://user:pw@github.com/'],
    ['non-default port', 'https://github.com:8443/'],
    ['IP address', 'https://140.82.112.3/'],
    ['not a URL', 'github.com'],
    ['empty', ''],
  ])('refuses %s', (_name, url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });
});
