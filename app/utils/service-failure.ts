import type { core } from "zod";
import type { Actor, OrgKind } from "~/domain/permissions";
import type { AnyMessageKey } from "~/i18n";

/**
 * The one way a service says "no". Services RETURN it (they never throw it): a caller reads
 * `if (!result.ok)` and then hands the failure to one of the two mappers — `failureProblem` for the
 * API (app/utils/api.server.ts), `throwIfMissing` + `failureFieldErrors` / `failureMessages` for pages
 * (app/utils/page-failure.server.ts). Success stays `{ ok: true, … }`, shaped by each service.
 */
export type FailureStatus = 400 | 403 | 404 | 409 | 410 | 429;

/** A problem at a field path with a message key (publish checks, fixed-at-publication terms). */
export interface FieldProblem {
  readonly path: readonly (string | number)[];
  readonly key: AnyMessageKey;
  /** Publish checks also carry warnings; only errors ever make a failure. */
  readonly severity?: "error" | "warning";
  /** The field in words (「評価基準1「TCO」の目標スケール」), when the service knows the content the path points into. */
  readonly words?: { readonly ja: string; readonly en: string };
}

export interface FailureDetails {
  /** zod issues whose messages are message keys (or zod's own wording, localized at the edge). */
  issues?: readonly core.$ZodIssue[];
  /** Field problems with a message key each, e.g. everything that blocks publishing. */
  problems?: readonly FieldProblem[];
  /** Message keys per form field, as conform shows them. */
  fieldErrors?: Readonly<Record<string, readonly AnyMessageKey[]>>;
  /** Every lifecycle reason when there are several (the first is `key`). */
  reasons?: readonly AnyMessageKey[];
}

export class ServiceFailure {
  readonly ok = false as const;
  readonly issues?: readonly core.$ZodIssue[];
  readonly problems?: readonly FieldProblem[];
  readonly fieldErrors?: Readonly<Record<string, readonly AnyMessageKey[]>>;
  readonly reasons?: readonly AnyMessageKey[];

  constructor(
    readonly status: FailureStatus,
    readonly key: AnyMessageKey,
    details: FailureDetails = {},
  ) {
    // Only the details that are present become properties, so a failure compares like the plain object it replaces.
    if (details.issues) this.issues = details.issues;
    if (details.problems) this.problems = details.problems;
    if (details.fieldErrors) this.fieldErrors = details.fieldErrors;
    if (details.reasons) this.reasons = details.reasons;
  }
}

export const failure = {
  /** Unknown id, other tenant's id, or anything the caller may not know exists. */
  notFound: () => new ServiceFailure(404, "error.404.body"),
  forbidden: () => new ServiceFailure(403, "error.403.body"),
  /** The state forbids it now (closed, already done); `reasons` lists every lifecycle reason. */
  conflict: (key: AnyMessageKey, details: FailureDetails = {}) => new ServiceFailure(409, key, details),
  /** Bad input: zod issues, publish problems or field errors, with `key` as the form-level message. */
  invalid: (details: FailureDetails = {}, key: AnyMessageKey = "common.formHasErrors") => new ServiceFailure(400, key, details),
};

export type ServiceResult<T extends { ok: true }> = T | ServiceFailure;

export const isServiceFailure = (value: unknown): value is ServiceFailure => value instanceof ServiceFailure;

/** An actor acting for an organisation; the type lets services use `actor.org.id` without `!`. */
export type OrgActor<K extends OrgKind = OrgKind> = Actor & { org: NonNullable<Actor["org"]> & { kind: K } };

/** The actor if it acts for an organisation (of `kind`, when given), else null — callers answer 404. */
export function orgActor<K extends OrgKind>(actor: Actor, kind?: K): OrgActor<K> | null {
  if (!actor.org || (kind !== undefined && actor.org.kind !== kind)) return null;
  return actor as OrgActor<K>;
}

/** Thrown inside a transaction to roll it back with a refusal found after earlier writes; the caller returns it. */
export class Rollback extends Error {
  constructor(readonly failure: ServiceFailure) {
    super(failure.key);
  }
}

/** A PostgreSQL unique violation (23505): the race a unique constraint settles — someone else did it first. */
export function isUniqueViolation(e: unknown): boolean {
  return typeof e === "object" && e !== null && "code" in e && (e as { code: unknown }).code === "23505";
}
