import { redirect } from "@remix-run/node";
import { listMembershipsOfUser } from "../../db/queries/organizations";
import { deleteSession, findLiveSession, insertSession, touchSession } from "../../db/queries/sessions";
import { twoFactorSetupRequired } from "../../db/queries/two-factor";
import type { Action, Actor, MemberRole, OrgKind, Resource } from "~/domain/permissions";
import { can } from "~/domain/permissions";
import type { AppContext } from "./context.server";
import { SESSION_DAYS, SESSION_IDLE_HOURS, sessionCookie } from "./cookies.server";
import { randomToken, sha256 } from "./crypto.server";

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  locale: string;
  isPlatformAdmin: boolean;
  memberships: { orgId: string; orgName: string; orgKind: OrgKind; role: MemberRole }[];
  activeOrg: { id: string; name: string; kind: OrgKind; role: MemberRole } | null;
  actor: Actor;
  sessionIdHash: string;
  /** An organisation of the user requires two-factor sign-in and the user has not set it up (decision 0052). */
  twoFactorSetupRequired: boolean;
}

/** Where a member who must set up two-factor sign-in is sent, and the only pages open to them until then. */
export const TWO_FACTOR_SETUP_PATH = "/settings/two-factor";
const OPEN_WHILE_SETUP_REQUIRED = new Set([TWO_FACTOR_SETUP_PATH, "/logout", "/set-language"]);

/** Sends a member who must set up two-factor sign-in to the setup page, from any other page (GET or POST). */
export function enforceTwoFactorSetup(request: Request, user: CurrentUser | null): void {
  if (!user?.twoFactorSetupRequired) return;
  if (OPEN_WHILE_SETUP_REQUIRED.has(new URL(request.url).pathname)) return;
  throw redirect(TWO_FACTOR_SETUP_PATH);
}

// last_seen_at moves on at most this often: the session read is on every request's hot path, and
// a write per request would cost more than the read. The idle timeout is therefore exact to 5 min.
export const SESSION_TOUCH_MS = 5 * 60_000;

export const idleCutoff = (now: Date) => new Date(now.getTime() - SESSION_IDLE_HOURS * 3600_000);

export async function getCurrentUser(request: Request, ctx: AppContext): Promise<CurrentUser | null> {
  const token = await sessionCookie(ctx).parse(request.headers.get("Cookie"));
  if (typeof token !== "string") return null;
  const idHash = sha256(token);
  const now = ctx.clock.now();
  const session = await findLiveSession(ctx.db, idHash, now, idleCutoff(now));
  if (!session) return null;
  // Sessions started without the request at hand (log-in, sign-up) learn their IP and agent here.
  if (now.getTime() - session.lastSeenAt.getTime() >= SESSION_TOUCH_MS || session.ip === null) {
    const client = clientOf(request);
    await touchSession(ctx.db, idHash, now, client.ip, client.userAgent);
  }
  const [memberships, setupRequired] = await Promise.all([listMembershipsOfUser(ctx.db, session.userId), twoFactorSetupRequired(ctx.db, session.userId)]);
  const active = memberships.find((m) => m.orgId === session.activeOrgId) ?? memberships[0] ?? null;
  const activeOrg = active ? { id: active.orgId, name: active.orgName, kind: active.orgKind, role: active.role } : null;
  return {
    id: session.userId,
    email: session.email,
    name: session.name,
    locale: session.locale,
    isPlatformAdmin: session.isPlatformAdmin,
    memberships,
    activeOrg,
    actor: { userId: session.userId, isPlatformAdmin: session.isPlatformAdmin, org: activeOrg },
    sessionIdHash: idHash,
    twoFactorSetupRequired: setupRequired,
  };
}

/** The signed-in user, or a redirect to the log-in page that comes back here afterwards. */
export async function requireUser(request: Request, ctx: AppContext): Promise<CurrentUser> {
  const user = await getCurrentUser(request, ctx);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  enforceTwoFactorSetup(request, user);
  return user;
}

/** Throws 403 unless the policy allows it; `hide` answers 404 so existence is not revealed. */
export function requirePermission(actor: Actor, action: Action, resource: Resource, opts: { hide?: boolean } = {}): void {
  if (!can(actor, action, resource)) {
    throw new Response(opts.hide ? "Not Found" : "Forbidden", { status: opts.hide ? 404 : 403 });
  }
}

/** Starts a session and returns its Set-Cookie header. Pass `db` to start it inside a transaction. */
export async function startSession(
  ctx: AppContext,
  userId: string,
  activeOrgId: string | null,
  opts: { client?: { ip: string; userAgent: string | null }; db?: AppContext["db"] } = {},
): Promise<string> {
  const token = randomToken();
  const now = ctx.clock.now();
  await insertSession(opts.db ?? ctx.db, {
    idHash: sha256(token),
    userId,
    activeOrgId,
    expiresAt: new Date(now.getTime() + SESSION_DAYS * 86400_000),
    now,
    ip: opts.client?.ip ?? null,
    userAgent: opts.client?.userAgent ?? null,
  });
  return sessionCookie(ctx).serialize(token);
}

export async function endSession(request: Request, ctx: AppContext): Promise<string> {
  const cookie = sessionCookie(ctx);
  const token = await cookie.parse(request.headers.get("Cookie"));
  if (typeof token === "string") await deleteSession(ctx.db, sha256(token));
  return cookie.serialize("", { maxAge: 0 });
}

export function clientIp(request: Request): string {
  // Set by scripts/serve.ts from the socket (or the trusted proxy's X-Forwarded-For when
  // TRUST_PROXY=1); any value a client sends in this header is overwritten there.
  return request.headers.get("x-kurabe-client-ip") ?? "unknown";
}

/** Where a request comes from, as recorded on its session. The agent is capped: it is the client's own text. */
export function clientOf(request: Request): { ip: string; userAgent: string | null } {
  return { ip: clientIp(request), userAgent: request.headers.get("User-Agent")?.slice(0, 400) ?? null };
}
