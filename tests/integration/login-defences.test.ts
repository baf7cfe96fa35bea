import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { createDatabase, type DB } from "../../db/client.server";
import { migrateToLatest } from "../../db/migrate";
import { attemptLogIn } from "../../app/services/login.server";
import { inviteMember } from "../../app/services/accounts.server";
import type { AppContext } from "../../app/utils/context.server";
import { createOrg, createUser } from "../factories";
import { createDatabaseOn } from "../support/postgres";
import { Cookies, createHarness, postForm, type Harness } from "./harness";

// Issue 12, items 2, 3, 12 and "failed log-ins are not audited", against real PostgreSQL
// through the real Remix actions: the invitation page is no password oracle, the limiter
// cannot be raced, a stranger cannot lock a user out from their own network, and every failed
// or refused log-in is in the audit log without the audit log growing per refused request.

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

const PASSWORD = "the-right-password-123";
let seq = 0;
const uniqueEmail = (label: string) => `${label}-${++seq}-${Date.now().toString(36)}@example.jp`;

async function userWithOrg(email = uniqueEmail("user")) {
  const org = await createOrg(h.db, "buyer");
  const user = await createUser(h.db, { orgId: org.id, email, password: PASSWORD });
  return { org, user, email };
}

/** A cookie jar that already holds a CSRF cookie, and the token to repeat: many POSTs without a GET each. */
async function formSession() {
  const cookies = new Cookies();
  const html = await (await h.request("/login", { cookies })).text();
  return { cookies, csrf: /name="csrf" value="([^"]+)"/.exec(html)![1] };
}

function post(path: string, fields: Record<string, string>, s: { cookies: Cookies; csrf: string }, ip: string, lang = "ja") {
  return h.request(path, {
    method: "POST",
    body: new URLSearchParams({ csrf: s.csrf, ...fields }),
    cookies: s.cookies,
    headers: { "Content-Type": "application/x-www-form-urlencoded", "x-kurabe-client-ip": ip, "Accept-Language": lang },
    redirect: "manual",
  });
}

const logIn = (email: string, password: string, s: { cookies: Cookies; csrf: string }, ip: string) =>
  post("/login?_data=routes%2F_auth%2B%2Flogin", { email, password }, s, ip);

const statuses = (responses: Response[]) => responses.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});
const sessionCookieIn = (r: Response) => r.headers.getSetCookie().some((c) => c.startsWith("__kurabe_session=") && !/max-age=0/i.test(c));

async function attemptsFor(db: DB, email: string) {
  return db.selectFrom("login_attempts").select(["succeeded", "ip"]).where("email", "=", email).execute();
}

async function auditFor(email: string, action: string) {
  return h.db
    .selectFrom("audit_log")
    .selectAll()
    .where("entity_type", "=", "login")
    .where("entity_id", "=", email)
    .where("action", "=", action)
    .orderBy("id")
    .execute();
}

/** Each test starts a fresh 15-minute window, so no test's failures count against another's. */
function nextWindow() {
  h.clock.set(new Date(h.clock.now().getTime() + 16 * 60_000));
}

describe("invitation acceptance is no password oracle (item 2)", () => {
  it("40 wrong passwords for an existing user through the invitation: limited like /login, recorded, no session; then log in first and join", async () => {
    nextWindow();
    const inviter = await userWithOrg();
    const victim = await userWithOrg();
    const invited = await inviteMember(
      h.ctx,
      { userId: inviter.user.id, name: "招待 太郎", orgId: inviter.org.id, orgName: inviter.org.name },
      { email: victim.email, role: "member" },
      "ja",
      "http://localhost:3000",
    );
    if (!invited.ok) throw new Error("invitation not created");
    const path = new URL(invited.value.link).pathname;

    const s = await formSession();
    const guesses: Response[] = [];
    for (let i = 0; i < 40; i++)
      guesses.push(await post(`${path}?_data=routes%2F_auth%2B%2Finvitations.$token`, { name: "x", password: `wrong-guess-${i}-abcdef` }, s, "203.0.113.50"));
    expect(statuses(guesses)).toEqual({ 400: 5, 429: 35 });
    expect(guesses.some(sessionCookieIn)).toBe(false);
    expect(JSON.stringify(await guesses[39].json())).toContain("ログインの試行回数が多すぎます");
    // The right password is refused too while the limit holds: the guesser learns nothing.
    const right = await post(`${path}?_data=routes%2F_auth%2B%2Finvitations.$token`, { name: "x", password: PASSWORD }, s, "203.0.113.50");
    expect(right.status).toBe(429);
    expect(sessionCookieIn(right)).toBe(false);
    expect(await attemptsFor(h.db, victim.email)).toEqual(Array.from({ length: 5 }, () => ({ succeeded: false, ip: "203.0.113.50" })));
    expect((await auditFor(victim.email, "auth.login.failed")).map((a) => a.after)).toEqual(
      Array.from({ length: 5 }, () => ({ email: victim.email, via: "invitation" })),
    );
    expect(await h.db.selectFrom("memberships").select("role").where("user_id", "=", victim.user.id).where("org_id", "=", inviter.org.id).execute()).toEqual(
      [],
    );

    // The page tells an existing user to log in first, and brings them back.
    const page = await (await h.request(path)).text();
    expect(page).toContain("先にログインしてからこのリンクに戻ってください");
    expect(page).toContain(`/login?redirectTo=${encodeURIComponent(path)}`);

    // The victim, from their own network, logs in and joins with one click, no password asked.
    const own = await formSession();
    const login = await post("/login", { email: victim.email, password: PASSWORD, redirectTo: path }, own, "198.51.100.20");
    expect(login.status).toBe(302);
    expect(login.headers.get("Location")).toBe(path);
    expect(await (await h.request(path, { cookies: own.cookies })).text()).toContain("このアカウントで参加する");
    const join = await postForm(h, path, { intent: "join-signed-in" }, own.cookies, { "x-kurabe-client-ip": "198.51.100.20" });
    expect(join.status).toBe(302);
    expect(await h.db.selectFrom("memberships").select("role").where("user_id", "=", victim.user.id).where("org_id", "=", inviter.org.id).execute()).toEqual([
      { role: "member" },
    ]);
    expect((await h.request("/", { cookies: own.cookies })).status).toBe(200);
  });

  it("joining with one click needs the invited address's own session", async () => {
    nextWindow();
    const inviter = await userWithOrg();
    const other = await userWithOrg();
    const invited = await inviteMember(
      h.ctx,
      { userId: inviter.user.id, name: "招待 太郎", orgId: inviter.org.id, orgName: inviter.org.name },
      { email: uniqueEmail("invitee"), role: "owner" },
      "ja",
      "http://localhost:3000",
    );
    if (!invited.ok) throw new Error("invitation not created");
    const path = new URL(invited.value.link).pathname;
    const s = await formSession();
    expect((await post("/login", { email: other.email, password: PASSWORD }, s, "198.51.100.21")).status).toBe(302);
    // The CSRF token is bound to the session (decision 0017): postForm takes the signed-in session's token.
    const join = await postForm(h, `${path}?_data=routes%2F_auth%2B%2Finvitations.$token`, { intent: "join-signed-in" }, s.cookies, {
      "x-kurabe-client-ip": "198.51.100.21",
    });
    expect(join.status).toBe(400);
    expect(await h.db.selectFrom("memberships").select("role").where("user_id", "=", other.user.id).where("org_id", "=", inviter.org.id).execute()).toEqual([]);
  });
});

describe("the limiter decides atomically (item 3)", () => {
  it("100 concurrent attempts on one account from one IP: exactly 5 passwords verified", async () => {
    nextWindow();
    const { email } = await userWithOrg();
    const s = await formSession();
    const responses = await Promise.all(Array.from({ length: 100 }, (_, i) => logIn(email, `wrong-${i}-password`, s, "192.0.2.10")));
    expect(statuses(responses)).toEqual({ 400: 5, 429: 95 });
    expect(await attemptsFor(h.db, email)).toHaveLength(5);
    expect(await auditFor(email, "auth.login.failed")).toHaveLength(5);
  });

  it("100 concurrent attempts on one account from 100 IPs: exactly the per-account ceiling (50) verified", async () => {
    nextWindow();
    const { email } = await userWithOrg();
    const s = await formSession();
    const responses = await Promise.all(Array.from({ length: 100 }, (_, i) => logIn(email, `wrong-${i}-password`, s, `10.20.0.${i + 1}`)));
    expect(statuses(responses)).toEqual({ 400: 50, 429: 50 });
    expect(await attemptsFor(h.db, email)).toHaveLength(50);
  });

  it("100 concurrent attempts from one IP on 100 accounts: exactly the per-IP limit (30) verified", async () => {
    nextWindow();
    const s = await formSession();
    const responses = await Promise.all(Array.from({ length: 100 }, (_, i) => logIn(`spray-${i}@example.jp`, "spray-password-1", s, "192.0.2.99")));
    expect(statuses(responses)).toEqual({ 400: 30, 429: 70 });
    expect(await h.db.selectFrom("login_attempts").select("id").where("ip", "=", "192.0.2.99").execute()).toHaveLength(30);
  });

  it("holds with 20 truly parallel connections, and on the embedded PGlite database", async () => {
    const url = await createDatabaseOn(inject("databaseUrl"), `kurabe_limiter_${Date.now().toString(36)}`);
    const wide = await createDatabase({ url, poolSize: 20 });
    const embedded = await createDatabase({ dataDir: "memory://" });
    try {
      for (const db of [wide, embedded]) {
        await migrateToLatest(db);
        const email = "parallel@example.jp";
        await createUser(db, { email, password: PASSWORD });
        const ctx = { db, clock: h.clock } as unknown as AppContext;
        const results = await Promise.all(
          Array.from({ length: 60 }, (_, i) => attemptLogIn(ctx, { email, password: `wrong-${i}-password`, ip: "192.0.2.1", via: "login" })),
        );
        expect(results.filter((r) => !r.ok && r.key === "login.failed")).toHaveLength(5);
        expect(await attemptsFor(db, email)).toHaveLength(5);
      }
    } finally {
      await wide.destroy();
      await embedded.destroy();
    }
  });
});

describe("a stranger cannot lock a user out (item 12)", () => {
  it("five failures from a stranger's network lock that network only; the owner logs in from their own", async () => {
    nextWindow();
    const { email } = await userWithOrg();
    const stranger = await formSession();
    for (let i = 0; i < 5; i++) expect((await logIn(email, `guess-${i}-password`, stranger, "203.0.113.7")).status).toBe(400);
    expect((await logIn(email, PASSWORD, stranger, "203.0.113.7")).status).toBe(429);
    const owner = await formSession();
    const ok = await post("/login", { email, password: PASSWORD }, owner, "198.51.100.7");
    expect(ok.status).toBe(302);
    expect(sessionCookieIn(ok)).toBe(true);
  });

  it("the per-account ceiling: after 50 failures from many networks the account rests for the window", async () => {
    nextWindow();
    const { email } = await userWithOrg();
    const s = await formSession();
    for (let i = 0; i < 50; i++) expect((await logIn(email, `guess-${i}-password`, s, `172.16.${Math.floor(i / 5)}.${i % 5}`)).status).toBe(400);
    expect((await logIn(email, PASSWORD, s, "198.51.100.8")).status).toBe(429);
    nextWindow();
    expect((await post("/login", { email, password: PASSWORD }, s, "198.51.100.8")).status).toBe(302);
  });
});

describe("failed and refused log-ins are audited (item 13)", () => {
  it("one auth.login.failed row per verified failure; refused attempts counted on one auth.login.limited row per e-mail, IP and minute", async () => {
    nextWindow();
    const { email } = await userWithOrg();
    const s = await formSession();
    for (let i = 0; i < 5; i++) await logIn(email.toUpperCase(), `guess-${i}-password`, s, "203.0.113.77");
    const failed = await auditFor(email, "auth.login.failed");
    expect(failed.map((a) => ({ ip: a.ip, after: a.after, actor: a.actor_user_id }))).toEqual(
      Array.from({ length: 5 }, () => ({ ip: "203.0.113.77", after: { email, via: "login" }, actor: null })),
    );
    for (let i = 0; i < 12; i++) expect((await logIn(email, `more-${i}-password`, s, "203.0.113.77")).status).toBe(429);
    h.clock.set(new Date(h.clock.now().getTime() + 60_000));
    for (let i = 0; i < 3; i++) await logIn(email, `later-${i}-password`, s, "203.0.113.77");
    const limited = await auditFor(email, "auth.login.limited");
    expect(limited.map((a) => ({ ip: a.ip, count: (a.after as { count: number }).count, limit: (a.after as { limit: string }).limit }))).toEqual([
      { ip: "203.0.113.77", count: 12, limit: "perAccountAndIp" },
      { ip: "203.0.113.77", count: 3, limit: "perAccountAndIp" },
    ]);
    expect(await auditFor(email, "auth.login.failed")).toHaveLength(5);
  });
});
