/** Operations of the signed registration request package (issue 6). */
import { z } from 'zod';
import { defineOperation } from '../ipc';
import { packageVerificationSchema } from '../schemas/package-verification';

export { verifyStepSchema } from '../schemas/package-verification';

const id = z.string().min(1).max(200);

/** A finding that blocks packaging until fixed or acknowledged. */
export const blockingFindingSchema = z.object({ source: z.enum(['metadata', 'jwks-check']), code: z.string(), severity: z.string(), path: z.string(), message: z.string() });

/** `package:preview` — what Review & package shows before anything is written. */
export const previewPackage = defineOperation({
  channel: 'package:preview',
  summary: 'What a package would hold, and what blocks it.',
  request: z.object({ id }).strict(),
  response: z.object({
    providerName: z.string(),
    environmentName: z.string(),
    keySource: z.enum(['jwks_uri', 'pem']),
    /** The active key that will sign the request, if any. */
    signingKey: z.object({ kid: z.string(), alg: z.string(), thumbprint: z.string() }).optional(),
    jwksUri: z.string().optional(),
    /** Findings that block packaging (metadata errors; failures of the latest kept jwks_uri check). */
    blocking: z.array(blockingFindingSchema),
    /** What to send to whom, from the provider profile. */
    sendTo: z.string(),
    sendToKnown: z.boolean(),
    /** Packages built before, newest last. */
    history: z.array(z.object({ createdAt: z.string(), sha256: z.string(), path: z.string(), bytes: z.number(), acknowledged: z.string().optional() })),
  }),
});

/** `package:build` — runs a fresh check (unless offline), asks where to save, writes atomically. */
export const buildPackage = defineOperation({
  channel: 'package:build',
  summary: 'Build the signed registration package and save it.',
  request: z
    .object({ id, offline: z.boolean().optional(), caPem: z.string().max(500_000).optional(), acknowledgeFindings: z.string().min(1).max(2000).optional(), unlockPassphrase: z.string().max(1024).optional() })
    .strict(),
  response: z.object({ saved: z.boolean(), path: z.string().optional(), sha256: z.string().optional(), bytes: z.number().optional(), sendTo: z.string().optional() }),
});

/** Largest package file accepted (the zip reader's archive cap): the app checks the size before reading. */
export const PACKAGE_MAX_BYTES = 20 * 1024 * 1024;

/** `package:verify` — the bytes of a package file the user opened or dropped. */
export const verifyPackage = defineOperation({
  channel: 'package:verify',
  summary: 'Verify a registration package (hashes, signature, today\'s rules, the live jwks_uri).',
  request: z
    .object({
      fileName: z.string().max(500),
      /** The file, base64. Packages are small; 20 MiB is far beyond any real one. */
      base64: z.string().max(28_000_000),
      offline: z.boolean().optional(),
      caPem: z.string().max(500_000).optional(),
      /** The user ticked "Allow private network addresses": the package's jwks_uri may be private (never link-local). */
      allowPrivateNetwork: z.boolean().optional(),
    })
    .strict(),
  response: packageVerificationSchema.extend({
    manifest: z.record(z.string(), z.unknown()).optional(),
    markdown: z.string(),
  }),
});
