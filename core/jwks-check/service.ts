/**
 * jwks_uri checks as the app and the CLI use them: standalone or for a registration (the
 * local keys expected, the round trip signed with the active key), and a history of reports
 * per registration kept as files beside the settings, summarised in the registration.
 */
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { JWK } from 'jose';
import { AppError, hasErrorCode } from '../../contract/errors';
import { jwksCheckReportSchema, type Check, type JwksCheckReport } from '../../contract/schemas/jwks-check';
import { checkJwksUri } from './check-uri';
import type { Fetcher } from '../net/types';
import { activeKey, publishedSet } from '../keys/key-ring';
import { parseKeyRecord } from '../keys/key-record';
import type { KeyService } from '../keys/key-service';
import { nodeFileOps, writeFileAtomic } from '../storage/atomic-file';
import { assertRegistrationId } from '../keys/custody';
import type { Clock } from '../ports';
import type { RegistrationRepository } from '../storage/registrations';
import { compareReports, type ReportDiff } from './compare';
import { diffToMarkdown } from './markdown';

/** How many reports are kept per registration. */
export const HISTORY_LIMIT = 20;

/** One past run, as kept in the registration. */
export interface CheckSummary {
  reportId: string;
  url: string;
  verdict: JwksCheckReport['verdict'];
  startedAt: string;
  counts: Record<Check['status'], number>;
}

/** Options of one run. */
export interface CheckRequest {
  /** The URL; defaults to the registration's jwks_uri. */
  url?: string;
  /** Check for a registration: its keys are expected and the report joins its history. */
  registrationId?: string;
  /** Text of a JWK, JWK Set or PEM public key that must be published (standalone checks). */
  expectText?: string;
  /** Extra trusted CA certificates (PEM), e.g. a corporate root. */
  caPem?: string;
  /** Allow redirects from public addresses into private networks (`--allow-private-network`). */
  allowPrivateNetwork?: boolean;
  timeoutMs?: number;
  onCheck?: (check: Check) => void;
  signal?: AbortSignal;
}


/** Builds the check service. */
export function createCheckService(deps: { dataDir: string; registrations: RegistrationRepository; keyService: KeyService; clock: Clock; fetcher: Fetcher }) {
  const { dataDir, registrations, keyService, clock, fetcher } = deps;
  const historyDir = (id: string) => {
    assertRegistrationId(id);
    return path.join(dataDir, 'reports', id);
  };
  const reportPath = (id: string, reportId: string) => {
    if (!/^[0-9TZ-]+(-[0-9a-z]+)?$/.test(reportId)) throw new AppError('NOT_FOUND', `No report "${reportId}".`);
    return path.join(historyDir(id), `${reportId}.json`);
  };
  const registration = (id: string) => registrations.get(id);

  async function expectationFor(id: string) {
    const records = registration(id).keys.map(parseKeyRecord);
    const published = publishedSet(records, clock.now());
    const active = activeKey(records);
    if (published.length === 0) return undefined;
    return {
      publicJwks: published.map((r) => r.publicJwk as JWK),
      ...(active && {
        alg: active.alg,
        sign: (claims: Record<string, unknown>) => keyService.sign(id, active, claims, { header: { typ: 'JWT' } }),
      }),
    };
  }

  async function remember(id: string, report: JwksCheckReport): Promise<CheckSummary> {
    const reportId = `${report.startedAt.replace(/[:.]/g, '-')}`;
    await nodeFileOps.mkdir(historyDir(id), 0o700);
    await writeFileAtomic(nodeFileOps, reportPath(id, reportId), new TextEncoder().encode(JSON.stringify(report, null, 2)), 0o600);
    const counts = { pass: 0, warn: 0, fail: 0, skip: 0 };
    for (const check of report.checks) counts[check.status] += 1;
    const summary: CheckSummary = { reportId, url: report.url, verdict: report.verdict, startedAt: report.startedAt, counts };
    let dropped: CheckSummary[];
    try {
      dropped = registrations.update(
        id,
        (reg) => {
          const all = [...(reg.checks as unknown as CheckSummary[]), summary];
          reg.checks = all.slice(-HISTORY_LIMIT) as unknown as Record<string, unknown>[];
          return all.slice(0, Math.max(0, all.length - HISTORY_LIMIT));
        },
        { touch: false },
      );
    } catch (error) {
      // Deleted meanwhile: the report written above would be an orphan.
      if (hasErrorCode(error, 'NOT_FOUND')) {
        await rm(reportPath(id, reportId), { force: true });
        return summary;
      }
      throw error;
    }
    await Promise.all(dropped.map((old) => rm(reportPath(id, old.reportId), { force: true })));
    return summary;
  }

  /** A kept report, validated against the report schema. */
  async function readReport(id: string, reportId: string): Promise<JwksCheckReport> {
    let text: string;
    try {
      text = await readFile(reportPath(id, reportId), 'utf8');
    } catch {
      throw new AppError('NOT_FOUND', `No report "${reportId}" for ${id}.`);
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = undefined;
    }
    const parsed = jwksCheckReportSchema.safeParse(value);
    if (!parsed.success) throw new AppError('STORAGE_CORRUPT', `Report ${reportId} is not a valid report.`);
    return parsed.data;
  }

  return {
    /** Runs every check; with a registration, its keys are expected and the report is kept. */
    async run(request: CheckRequest): Promise<{ report: JwksCheckReport; summary?: CheckSummary }> {
      const reg = request.registrationId ? registration(request.registrationId) : undefined;
      const url = request.url ?? (typeof reg?.metadata.jwks_uri === 'string' ? reg.metadata.jwks_uri : undefined);
      if (!url) throw new AppError('VALIDATION_FAILED', 'There is no jwks_uri to check: enter one first.');
      const expectation = request.expectText === undefined && reg ? await expectationFor(reg.id) : undefined;
      const profileAlg = typeof reg?.metadata.token_endpoint_auth_signing_alg === 'string' ? reg.metadata.token_endpoint_auth_signing_alg : undefined;
      const report = await checkJwksUri({
        url,
        fetcher,
        // The URL given, or the registration's jwks_uri: both the user's own.
        source: 'typed',
        ...(request.allowPrivateNetwork !== undefined && { allowPrivateNetwork: request.allowPrivateNetwork }),
        clock,
        ...(expectation && { expectation }),
        ...(profileAlg && { profileAlg }),
        ...(request.expectText !== undefined && { expectText: request.expectText }),
        ...(request.caPem !== undefined && { caPem: request.caPem }),
        ...(request.timeoutMs !== undefined && { timeoutMs: request.timeoutMs }),
        ...(request.onCheck && { onCheck: request.onCheck }),
        ...(request.signal && { signal: request.signal }),
      });
      return reg ? { report, summary: await remember(reg.id, report) } : { report };
    },

    /** Past runs of a registration, oldest first. */
    history: (id: string): CheckSummary[] => registration(id).checks as unknown as CheckSummary[],

    report: readReport,

    /** The newest kept report, if any. */
    async latest(id: string): Promise<JwksCheckReport | undefined> {
      const last = (registration(id).checks as unknown as CheckSummary[]).at(-1);
      return last ? readReport(id, last.reportId) : undefined;
    },

    /** Two kept reports side by side: what changed between them. */
    async compare(id: string, before: string, after: string): Promise<{ diff: ReportDiff; markdown: string }> {
      const diff = compareReports(await readReport(id, before), await readReport(id, after));
      return { diff, markdown: diffToMarkdown(diff) };
    },
  };
}

/** The check service. */
export type CheckService = ReturnType<typeof createCheckService>;
