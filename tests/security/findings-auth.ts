import { CookieJar, csrfFrom, logIn, loggedIn, postForm, type HttpResponse } from "./client";
import { createVictim, ipFor, VICTIM_PASSWORD, type Finding, type FindingContext } from "./findings";
import { result } from "./report";
import { t } from "../../app/i18n";

// Accounts: password guessing through invitations, the log-in limiter under concurrency, lockout from
// elsewhere, open redirects, CSRF binding and rotation, sign-up enumeration and throttling.

const WRONG = (i: number) => `wrong-password-guess-${String(i).padStart(3, "0")}`;
const isServerError = (r: HttpResponse) => r.status >= 500 || r.status === 0;

/** Anonymous jar with the log-in page's CSRF cookie and token, reused for many attempts like a script would. */
async function loginForm(ctx: FindingContext, ip: string) {
  const jar = new CookieJar();
  const page = await ctx.client.request("/login", { jar, ip });
  return { jar, csrf: csrfFrom(page.text()) };
}

function attempt(ctx: FindingContext, form: { jar: CookieJar; csrf: string }, ip: string, email: string, password: string) {
  return ctx.client.tryRequest("/login", {
    method: "POST",
    ip,
    jar: form.jar.clone(),
    body: new URLSearchParams({ csrf: form.csrf, email, password }).toString(),
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  });
}

const RATE_LIMITED = [t("ja", "login.rateLimited"), t("en", "login.rateLimited")];

/** A wrong password that was checked answers 400 with the form; a limited one 429, or 400 saying so. */
const evaluated = (r: HttpResponse) => r.status === 400 && !RATE_LIMITED.some((m) => r.text().includes(m));

/** Sequential wrong log-ins until the first refusal: how many the limiter lets through, measured, not assumed. */
async function sequentialAllowance(ctx: FindingContext, ip: string, email: (i: number) => string, cap: number) {
  const form = await loginForm(ctx, ip);
  for (let i = 0; i < cap; i++) if (!evaluated(await attempt(ctx, form, ip, email(i), WRONG(i)))) return i;
  return cap;
}

const invitationGuessing: Finding = {
  name: "invitation password guessing",
  async run(ctx) {
    const victim = await createVictim(ctx.db, "invitee");
    const owner = ctx.sessions.jars.get("buyer midori")!;
    const invited = await postForm(ctx.client, "/settings/members", { email: victim, role: "member" }, { jar: owner, ip: "127.0.0.2" });
    const token = /\/invitations\/([A-Za-z0-9_-]{16,})/.exec(invited.text())?.[1];
    if (!token) throw new Error(`no invitation link after inviting (status ${invited.status})`);
    const ip = ipFor(1);
    const jar = new CookieJar();
    const csrf = csrfFrom((await ctx.client.request(`/invitations/${token}`, { jar, ip })).text());
    const post = (password: string) =>
      ctx.client.tryRequest(`/invitations/${token}`, {
        method: "POST",
        ip,
        jar,
        body: new URLSearchParams({ csrf, name: "Probe", password }).toString(),
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      });
    const started = Date.now();
    const wrong: HttpResponse[] = [];
    for (let i = 0; i < 40; i++) wrong.push(await post(WRONG(i)));
    const seconds = (Date.now() - started) / 1000;
    const right = await post(VICTIM_PASSWORD);
    const checked = wrong.filter(evaluated).length;
    const takeover = loggedIn(right) && (right.headers["set-cookie"] ?? []).some((c) => /session/i.test(c));
    return [
      result("invitation: 40 wrong passwords, then the right one", {
        tried: 41,
        failures: checked,
        serverErrors: [...wrong, right].filter(isServerError).length,
        pass: !takeover && checked <= 10,
        details: [
          `${checked} of 40 wrong passwords were checked in ${seconds.toFixed(1)} s; the right one then ${takeover ? "gave the victim's session (account takeover)" : `answered ${right.status}`}`,
        ],
      }),
    ];
  },
};

const limiterRace: Finding = {
  name: "log-in limiter race",
  async run(ctx) {
    // Per account: what one client gets sequentially, against 100 at once on another account.
    const baselineVictim = await createVictim(ctx.db, "limit-seq");
    const allowance = await sequentialAllowance(ctx, ipFor(2), () => baselineVictim, 40);
    const victim = await createVictim(ctx.db, "limit-race");
    const form = await loginForm(ctx, ipFor(3));
    const racing = await Promise.all(Array.from({ length: 100 }, (_, i) => attempt(ctx, form, ipFor(3), victim, WRONG(i))));
    const checked = racing.filter(evaluated).length;
    const rows = Number((await ctx.db.query(`select count(*)::int as n from login_attempts where email = $1`, [victim])).rows[0].n);
    // Per IP: distinct unknown accounts from one address, sequential then 100 at once from another address.
    const ipAllowance = await sequentialAllowance(ctx, ipFor(4), (i) => `probe-seq-${i}-${Date.now()}@probe.example`, 60);
    const formIp = await loginForm(ctx, ipFor(5));
    const ipRacing = await Promise.all(
      Array.from({ length: 100 }, (_, i) => attempt(ctx, formIp, ipFor(5), `probe-race-${i}-${Date.now()}@probe.example`, WRONG(i))),
    );
    const ipChecked = ipRacing.filter(evaluated).length;
    return [
      result("limiter: 100 concurrent wrong log-ins, one account", {
        tried: 100,
        failures: Math.max(0, checked - allowance),
        serverErrors: racing.filter(isServerError).length,
        details: [`sequentially the account allows ${allowance} failures; 100 at once: ${checked} checked (${rows} login_attempts rows)`],
      }),
      result("limiter: 100 concurrent wrong log-ins, one IP", {
        tried: 100,
        failures: Math.max(0, ipChecked - ipAllowance),
        serverErrors: ipRacing.filter(isServerError).length,
        details: [`sequentially one IP is allowed ${ipAllowance} failures; 100 at once (100 accounts): ${ipChecked} checked`],
      }),
    ];
  },
};

const lockout: Finding = {
  name: "lockout from elsewhere",
  async run(ctx) {
    const victim = await createVictim(ctx.db, "lockout");
    const stranger = await loginForm(ctx, ipFor(6));
    for (let i = 0; i < 6; i++) await attempt(ctx, stranger, ipFor(6), victim, WRONG(i));
    const own = await logIn(ctx.client, victim, VICTIM_PASSWORD, { jar: new CookieJar(), ip: ipFor(7) });
    return [
      result("lockout: 6 failures from a stranger, then the owner from another IP", {
        tried: 7,
        failures: loggedIn(own) ? 0 : 1,
        serverErrors: isServerError(own) ? 1 : 0,
        details: loggedIn(own) ? [] : [`the owner's right password from another address answered ${own.status}: any stranger can lock the account`],
      }),
    ];
  },
};

// Bypasses of "same-origin path only" seen in the wild: browsers drop tabs and newlines, read `\` as `/`
// and accept scheme-relative and oddly written absolute URLs.
const REDIRECT_CORPUS = [
  "//evil.example/",
  "///evil.example/",
  "/\\evil.example/",
  "/\\/evil.example/",
  "\\\\evil.example/",
  "/\t/evil.example/",
  "/\n/evil.example/",
  "/\r\n/evil.example/",
  "\t//evil.example/",
  " //evil.example/",
  "/ /evil.example/",
  "https://evil.example/",
  "http:evil.example",
  "https:/\\evil.example/",
  "javascript:alert(document.domain)",
  "/%2F%2Fevil.example/",
  "/%09/evil.example/",
  "/%5Cevil.example/",
  "/\u0000//evil.example/",
  "/.//evil.example/",
  "/\u3000/evil.example/",
  "/@evil.example/",
];

const openRedirect: Finding = {
  name: "open redirect",
  async run(ctx) {
    const victim = await createVictim(ctx.db, "redirect");
    const corpus = ctx.quick ? REDIRECT_CORPUS.slice(0, 10) : REDIRECT_CORPUS;
    const origin = new URL(ctx.client.origin).origin;
    let escaped = 0;
    let serverErrors = 0;
    const details: string[] = [];
    const judge = (where: string, to: string, res: HttpResponse) => {
      if (isServerError(res)) {
        serverErrors++;
        details.push(`${where} ${JSON.stringify(to)} → ${res.status}`);
        return;
      }
      const target = res.location();
      if (target && (target.origin !== origin || !/^https?:$/.test(target.protocol))) {
        escaped++;
        details.push(`${where} ${JSON.stringify(to)} → Location ${JSON.stringify(res.headers.location)} (a browser goes to ${target.href})`);
      }
    };
    for (const to of corpus) {
      judge("log-in redirectTo", to, await logIn(ctx.client, victim, VICTIM_PASSWORD, { jar: new CookieJar(), ip: ipFor(8), redirectTo: to }));
      judge(
        "/set-language redirectTo",
        to,
        await postForm(ctx.client, "/set-language", { lang: "en", redirectTo: to }, { jar: new CookieJar(), ip: ipFor(8), page: "/login" }),
      );
    }
    return [result(`open redirect: ${corpus.length} bypasses × /login, /set-language`, { tried: corpus.length * 2, failures: escaped, serverErrors, details })];
  },
};

const csrf: Finding = {
  name: "CSRF binding and rotation",
  async run(ctx) {
    const [attackerEmail, victimEmail] = [await createVictim(ctx.db, "csrf-attacker"), await createVictim(ctx.db, "csrf-victim")];
    const ip = ipFor(9);
    // Rotation: the token a visitor had before logging in must not be valid after it.
    const jar = new CookieJar();
    const before = csrfFrom((await ctx.client.request("/login", { jar, ip })).text());
    await logIn(ctx.client, victimEmail, VICTIM_PASSWORD, { jar, ip });
    const after = csrfFrom((await ctx.client.request("/", { jar, ip })).text());
    const rotated = before !== "" && after !== "" && before !== after;
    // Binding: the attacker's own valid cookie+token pair, planted beside the victim's session.
    const attacker = new CookieJar();
    await logIn(ctx.client, attackerEmail, VICTIM_PASSWORD, { jar: attacker, ip });
    const attackerToken = csrfFrom((await ctx.client.request("/", { jar: attacker, ip })).text());
    const planted = jar.clone();
    for (const name of attacker.names().filter((n) => /csrf/i.test(n))) planted.set(name, attacker.get(name)!);
    const crossed = await ctx.client.tryRequest("/set-language", {
      method: "POST",
      ip,
      jar: planted,
      body: new URLSearchParams({ csrf: attackerToken, lang: "en", redirectTo: "/" }).toString(),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    const accepted = crossed.status >= 200 && crossed.status < 400;
    return [
      result("CSRF: token rotated at log-in", {
        tried: 1,
        failures: rotated ? 0 : 1,
        details: rotated ? [] : ["the pre-log-in token is still the token after log-in"],
      }),
      result("CSRF: another session's token refused", {
        tried: 1,
        failures: accepted ? 1 : 0,
        serverErrors: isServerError(crossed) ? 1 : 0,
        details: accepted ? [`the victim's session accepted the attacker's token (${crossed.status})`] : [],
      }),
    ];
  },
};

const signup: Finding = {
  name: "sign-up enumeration and throttling",
  async run(ctx) {
    const ip = ipFor(10);
    const form = (email: string) => ({ kind: "buyer", orgName: "プローブ株式会社", name: "Probe", email, password: VICTIM_PASSWORD });
    const existing = await postForm(ctx.client, "/signup", form("buyer@sakura-foods.example"), { jar: new CookieJar(), ip, page: "/signup" });
    const fresh = await postForm(ctx.client, "/signup", form(`probe-new-${Date.now()}@probe.example`), {
      jar: new CookieJar(),
      ip: ipFor(11),
      page: "/signup",
    });
    const says = /already|登録されています|使われています|使用されています/i.test(existing.text());
    const differs = existing.status !== fresh.status || says;
    const n = ctx.quick ? 12 : 25;
    const answers: HttpResponse[] = [];
    for (let i = 0; i < n; i++)
      answers.push(
        await postForm(ctx.client, "/signup", form(`probe-burst-${i}-${Date.now()}@probe.example`), { jar: new CookieJar(), ip: ipFor(12), page: "/signup" }),
      );
    const accepted = answers.filter((r) => r.status >= 200 && r.status < 400).length;
    return [
      result("sign-up: registered address answered like a new one", {
        tried: 2,
        failures: differs ? 1 : 0,
        serverErrors: [existing, fresh].filter(isServerError).length,
        details: differs ? [`registered address → ${existing.status}${says ? " saying it is already registered" : ""}; new address → ${fresh.status}`] : [],
      }),
      result(`sign-up: ${n} from one IP`, {
        tried: n,
        failures: accepted === n ? accepted : 0,
        serverErrors: answers.filter(isServerError).length,
        pass: accepted < n,
        details: accepted === n ? [`all ${n} sign-ups from one address were accepted (no throttle)`] : [`${accepted} of ${n} accepted before the throttle`],
      }),
    ];
  },
};

const failedLoginAudit: Finding = {
  name: "failed log-ins audited",
  async run(ctx) {
    const victim = await createVictim(ctx.db, "audit");
    const since = new Date();
    await attempt(ctx, await loginForm(ctx, ipFor(13)), ipFor(13), victim, WRONG(0));
    const rows = Number(
      (await ctx.db.query(`select count(*)::int as n from audit_log where created_at >= $1 and action ~* '(log.?in|sign.?in|auth)'`, [since])).rows[0].n,
    );
    return [
      result("audit: a failed log-in is in the audit log", {
        tried: 1,
        failures: rows > 0 ? 0 : 1,
        details: rows > 0 ? [] : ["no audit_log row for the failed log-in"],
      }),
    ];
  },
};

export const authFindings: Finding[] = [csrf, openRedirect, signup, failedLoginAudit, lockout, invitationGuessing, limiterRace];
