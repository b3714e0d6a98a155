/**
 * Errors on the wire: RFC 9457 problem details (`application/problem+json`), one shape for every
 * failure, carrying the Suyuan error code (stable, documented in docs/errors.md) and its details.
 *
 * ```json
 * { "type": "https://suyuan.dev/problems/unauthorized", "title": "Unauthorized", "status": 401,
 *   "code": "UNAUTHORIZED", "detail": "This needs an API token: send \"Authorization: Bearer sy_…\"." }
 * ```
 */
import { ERROR_CODES, SuyuanError, type SuyuanErrorCode, type SuyuanErrorDetails } from '@suyuan/core';
import { z } from 'zod';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const PROBLEM_BASE = 'https://suyuan.dev/problems/';

/** HTTP status by error code; a code not listed is a client error in the input (400). */
const STATUS: Partial<Record<SuyuanErrorCode, number>> = {
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  ISSUER_SUSPENDED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  REQUEST_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  LOG_CONFLICT: 503,
  INTERNAL: 500,
};

export const ProblemSchema = z.object({
  type: z.string().describe('A URI naming the kind of problem: https://suyuan.dev/problems/<code in kebab case>'),
  title: z.string(),
  status: z.number().int().min(400).max(599),
  code: z.enum(Object.keys(ERROR_CODES) as [SuyuanErrorCode, ...SuyuanErrorCode[]]).describe('The Suyuan error code (docs/errors.md)'),
  detail: z.string(),
  details: z.record(z.string(), z.unknown()).optional().describe('Structured details: path, expected, received …'),
});
export type Problem = z.infer<typeof ProblemSchema>;

/** The HTTP status a Suyuan error code is answered with. */
export function statusOf(code: SuyuanErrorCode): number {
  return STATUS[code] ?? 400;
}

/** The problem document of an error; anything not a `SuyuanError` is an internal error, told without its internals. */
export function problemOf(error: unknown): Problem {
  if (!(error instanceof SuyuanError)) {
    return { type: `${PROBLEM_BASE}internal`, title: 'Internal', status: 500, code: 'INTERNAL', detail: 'The platform failed to answer this request; it has been logged. Retry later.' };
  }
  const details = cleanDetails(error.details);
  const status = statusOf(error.code);
  return {
    type: `${PROBLEM_BASE}${error.code.toLowerCase().replaceAll('_', '-')}`,
    title: titleOf(error.code),
    status,
    code: error.code,
    // A storage or worker failure (it has a cause) is told without its internals: paths, hosts, driver messages.
    detail: status >= 500 && error.cause !== undefined ? 'The platform cannot serve this now (a storage or internal failure, logged on the server); retry later.' : error.message,
    ...(details ? { details } : {}),
  };
}

function titleOf(code: SuyuanErrorCode): string {
  return code
    .toLowerCase()
    .split('_')
    .map((word, i) => (i === 0 ? word[0]!.toUpperCase() + word.slice(1) : word))
    .join(' ');
}

function cleanDetails(details: SuyuanErrorDetails): Record<string, unknown> | undefined {
  const entries = Object.entries(details).filter(([, value]) => value !== undefined);
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}
