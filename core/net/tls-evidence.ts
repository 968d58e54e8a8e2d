/**
 * Turns Node's peer-certificate objects and TLS errors into plain evidence.
 */
import type { DetailedPeerCertificate, PeerCertificate } from 'node:tls';
import type { CertificateInfo } from './types';

const DAY_MS = 86_400_000;

/** OpenSSL / Node error codes that mean "the TLS handshake or certificate check failed". */
const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
  'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY',
  'CERT_SIGNATURE_FAILURE',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_CHAIN_TOO_LONG',
  'INVALID_CA',
  'INVALID_PURPOSE',
  'PATH_LENGTH_EXCEEDED',
  'HOSTNAME_MISMATCH',
  'ERROR_IN_CERT_NOT_BEFORE_FIELD',
  'ERROR_IN_CERT_NOT_AFTER_FIELD',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_TLS_CERT_ALTNAME_FORMAT',
  'ERR_TLS_HANDSHAKE_TIMEOUT',
  'ERR_TLS_DH_PARAM_SIZE',
  'EPROTO',
]);

/** True when a Node error code denotes a TLS failure. */
export function isTlsErrorCode(code: string | undefined): boolean {
  if (code === undefined) return false;
  return TLS_CODES.has(code) || code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_');
}

/** "CN=a, O=b" from Node's subject/issuer object (values may repeat as arrays). */
function formatName(name: Record<string, string | string[] | undefined> | undefined): string {
  if (!name) return '';
  return Object.entries(name)
    .flatMap(([key, value]) => (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((v) => `${key}=${v}`))
    .join(', ');
}

function isoDate(text: string): string {
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? text : date.toISOString();
}

/** One certificate as plain evidence. */
export function describeCertificate(cert: PeerCertificate, now: Date): CertificateInfo {
  const validTo = isoDate(cert.valid_to);
  const subject = formatName(cert.subject as unknown as Record<string, string | string[]>);
  const issuer = formatName(cert.issuer as unknown as Record<string, string | string[]>);
  const issuerCert = (cert as Partial<DetailedPeerCertificate>).issuerCertificate;
  return {
    subject,
    issuer,
    subjectAltNames: cert.subjectaltname ? cert.subjectaltname.split(', ').filter((s) => s !== '') : [],
    validFrom: isoDate(cert.valid_from),
    validTo,
    daysLeft: Math.floor((new Date(validTo).getTime() - now.getTime()) / DAY_MS),
    serialNumber: cert.serialNumber,
    fingerprint256: cert.fingerprint256,
    // Node links a self-issued root to itself; a lone leaf without issuer data is judged by its names.
    selfSigned:
      (issuerCert !== undefined && issuerCert.fingerprint256 === cert.fingerprint256) ||
      (issuerCert === undefined && subject === issuer),
  };
}

/** Walks `getPeerCertificate(true)` leaf → issuers until a self-issued certificate or a repeat. */
export function describeChain(peer: DetailedPeerCertificate | PeerCertificate | null | undefined, now: Date): CertificateInfo[] {
  const chain: CertificateInfo[] = [];
  const seen = new Set<string>();
  let current = peer as DetailedPeerCertificate | undefined;
  while (current && typeof current.fingerprint256 === 'string' && current.fingerprint256 !== '' && !seen.has(current.fingerprint256)) {
    seen.add(current.fingerprint256);
    chain.push(describeCertificate(current, now));
    current = current.issuerCertificate;
  }
  return chain;
}
