import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { bearer, type HttpResponse } from "./client";
import type { Finding, FindingContext } from "./findings";
import { buildSecrets, findLeaks, ownNumbersOf } from "./leaks";
import { result } from "./report";
import { quotesOpened, type Role } from "./truth";

// Data: sealed bids opened early by an addendum, the buyer's figures in a vendor's API answers,
// notifications read by a GET, unbounded audit rows for refused reads, the Meilisearch master key in the
// process list and its data folder's mode, and spreadsheet formulas written with full-width characters.

const roleOf = (ctx: FindingContext, label: string): Role => ctx.truth.roles.find((r) => r.label === label)!;
const isServerError = (r: HttpResponse) => r.status >= 500 || r.status === 0;

const addendumUnseal: Finding = {
  name: "sealed bids opened by an addendum",
  async run(ctx) {
    // A sealed RFQ, before its deadline, with submitted quotes: nobody but each vendor may read them yet.
    const rfq = ctx.truth.rfqs.find(
      (r) =>
        r.status === "published" && r.sealed && !quotesOpened(r, ctx.truth.now) && ctx.truth.quotes.some((q) => q.rfqId === r.id && q.status === "submitted"),
    );
    if (!rfq) throw new Error("no sealed RFQ with quotes before its deadline in the demo data");
    const buyer = ctx.truth.roles.find((r) => r.orgId === rfq.buyerOrgId)!;
    const secrets = buildSecrets(ctx.truth);
    const own = ownNumbersOf(ctx.truth, buyer.orgId);
    const api = (method: string, p: string, body?: unknown) =>
      ctx.client.tryRequest(p, {
        method,
        headers: { ...bearer(buyer.token), "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const readsSealed = async () => {
      const reads = [
        await api("GET", `/api/v1/rfqs/${rfq.id}/quotes`),
        await ctx.client.tryRequest(`/rfqs/${rfq.id}/compare`, { jar: ctx.sessions.jars.get(buyer.label) }),
      ];
      return reads.flatMap((r) => findLeaks(secrets, buyer, `/rfqs/${rfq.id}`, r.text(), String(r.headers["content-type"] ?? ""), own));
    };
    const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
    const attempts: [string, () => Promise<HttpResponse[]>, () => Promise<unknown>][] = [
      [
        'addendum {"changes":{"sealed":false}}',
        async () => [await api("POST", `/api/v1/rfqs/${rfq.id}/addenda`, { changeSummary: "probe", changes: { sealed: false } })],
        () => api("POST", `/api/v1/rfqs/${rfq.id}/addenda`, { changeSummary: "probe reseal", changes: { sealed: true } }),
      ],
      [
        "edit (PATCH sealed=false) then an addendum",
        async () => [
          await api("PATCH", `/api/v1/rfqs/${rfq.id}`, { sealed: false }),
          await api("POST", `/api/v1/rfqs/${rfq.id}/addenda`, { changeSummary: "probe" }),
        ],
        async () => {
          await api("PATCH", `/api/v1/rfqs/${rfq.id}`, { sealed: true });
          await api("POST", `/api/v1/rfqs/${rfq.id}/addenda`, { changeSummary: "probe reseal" });
        },
      ],
      [
        "addendum bringing the deadline forward to an hour from now",
        async () => [await api("POST", `/api/v1/rfqs/${rfq.id}/addenda`, { changeSummary: "probe", changes: { quoteDeadline: inAnHour } })],
        async () => {},
      ],
      [
        'addendum {"changes":{"visibility":"marketplace"}} on an invitation-only RFQ',
        async () => [await api("POST", `/api/v1/rfqs/${rfq.id}/addenda`, { changeSummary: "probe", changes: { visibility: "marketplace" } })],
        async () => {},
      ],
    ];
    let opened = 0;
    let errors = 0;
    const details: string[] = [];
    for (const [label, act, undo] of attempts) {
      const answers = await act();
      errors += answers.filter(isServerError).length;
      const leaks = await readsSealed();
      if (leaks.length) {
        opened++;
        details.push(`${label} → ${answers.map((a) => a.status).join(", ")}; the buyer then read ${leaks.length} sealed figures, e.g. ${leaks[0].what}`);
      } else details.push(`${label} → ${answers.map((a) => a.status).join(", ")}; still sealed`);
      // Put the RFQ back so the next attempt starts sealed (the issue notes a second addendum re-seals).
      await undo();
    }
    details.unshift(`on "${rfq.title}" (sealed, deadline ${rfq.deadline?.toISOString()})`);
    return [
      result(`sealed bids: ${attempts.length} ways to open a sealed RFQ early`, { tried: attempts.length, failures: opened, serverErrors: errors, details }),
    ];
  },
};

const vendorConfidential: Finding = {
  name: "buyer's figures in vendors' API answers",
  async run(ctx) {
    const secrets = buildSecrets(ctx.truth);
    let tried = 0;
    let leaky = 0;
    const details: string[] = [];
    for (const vendor of ctx.truth.roles.filter((r) => r.kind === "vendor")) {
      const own = ownNumbersOf(ctx.truth, vendor.orgId);
      const urls = ["/api/v1/vendor/quotes", ...ctx.truth.quotes.filter((q) => q.vendorOrgId === vendor.orgId).map((q) => `/api/v1/quotes/${q.id}`)];
      for (const url of urls) {
        tried++;
        const res = await ctx.client.request(url, { headers: bearer(vendor.token) });
        const leaks = findLeaks(secrets, vendor, url, res.text(), String(res.headers["content-type"] ?? ""), own);
        if (leaks.length) {
          leaky++;
          if (details.length < 8)
            details.push(`${vendor.label} ${url}: ${[...new Set(leaks.map((l) => l.what.replace(/^buyer-confidential field /, "")))].join(", ")}`);
        }
      }
    }
    return [result("vendor API: tco, managementOverhead, transitionEffort, roi", { tried, failures: leaky, details })];
  },
};

const notificationsGet: Finding = {
  name: "GET /notifications marks read",
  async run(ctx) {
    const unread = async (email: string) =>
      Number(
        (
          await ctx.db.query(`select count(*)::int as n from notifications n join users u on u.id = n.user_id where u.email = $1 and n.read_at is null`, [
            email,
          ])
        ).rows[0].n,
      );
    const candidates = ctx.truth.roles.filter((r) => r.email && r.label !== "vendor payroll");
    let role: Role | undefined;
    for (const r of candidates) if ((await unread(r.email!)) > 0) role = r;
    if (!role) throw new Error("no demo user has unread notifications");
    const before = await unread(role.email!);
    const res = await ctx.client.request("/notifications", { jar: ctx.sessions.jars.get(role.label) });
    const after = await unread(role.email!);
    return [
      result("notifications: a GET changes nothing", {
        tried: 1,
        failures: after < before ? 1 : 0,
        serverErrors: isServerError(res) ? 1 : 0,
        details: after < before ? [`${role.label}: ${before} unread before GET /notifications, ${after} after`] : [],
      }),
    ];
  },
};

const refusedReadAudit: Finding = {
  name: "audit rows for refused reads",
  async run(ctx) {
    const reader = roleOf(ctx, "vendor growth-ad");
    const foreign = ctx.truth.quotes.find((q) => q.vendorOrgId !== reader.orgId)!;
    const count = async () => Number((await ctx.db.query(`select count(*)::int as n from audit_log where actor_org_id = $1`, [reader.orgId])).rows[0].n);
    const before = await count();
    const n = 50;
    for (let i = 0; i < n; i++) await ctx.client.request(`/api/v1/quotes/${foreign.id}`, { headers: bearer(reader.token) });
    const added = (await count()) - before;
    // One actor, one resource, one minute: a bounded log keeps a row (with a count), not one per request.
    return [result(`audit: ${n} identical refused reads in a minute`, { tried: n, failures: added > 2 ? added : 0, details: [`${added} audit rows added`] })];
  },
};

function descendants(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc").filter((e) => /^\d+$/.test(e))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      /* the process ended meanwhile */
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const [child, parent] of parents) {
      if (parent !== p) continue;
      out.push(child);
      walk(child);
    }
  };
  walk(pid);
  return out;
}

const meiliKey: Finding = {
  name: "Meilisearch key and data folder",
  async run(ctx) {
    if (!ctx.stack.pid) throw new Error("the server's pid is unknown (give --pid with --url)");
    // Only the server's own children: other Meilisearch processes on this machine are not ours to judge.
    const visible = descendants(ctx.stack.pid)
      .map((pid) => {
        try {
          return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
        } catch {
          return "";
        }
      })
      .filter((cmd) => /meilisearch/i.test(cmd) && /--master-key[ =]\S+/.test(cmd));
    const rows = [
      result("Meilisearch master key not in the process list", {
        tried: 1,
        failures: visible.length ? 1 : 0,
        details: visible.map((cmd) => `ps shows: ${cmd.replace(/(--master-key[ =])(\S{4})\S*/, "$1$2…").slice(0, 160)}`),
      }),
    ];
    if (ctx.stack.dataDir) {
      const dir = path.join(ctx.stack.dataDir, "meilisearch");
      const mode = statSync(dir).mode & 0o777;
      rows.push(
        result("Meilisearch data folder 0700", { tried: 1, failures: mode & 0o077 ? 1 : 0, details: mode & 0o077 ? [`${dir} is ${mode.toString(8)}`] : [] }),
      );
    }
    return rows;
  },
};

const csvFullWidth: Finding = {
  name: "CSV full-width formula characters",
  async run(ctx) {
    // A vendor name is what a vendor controls that reaches the buyer's CSV; the probe writes it directly.
    const rfq = ctx.truth.rfqs.find(
      (r) => quotesOpened(r, ctx.truth.now) && r.status !== "draft" && ctx.truth.quotes.some((q) => q.rfqId === r.id && q.status === "submitted"),
    );
    if (!rfq) throw new Error("no opened RFQ with quotes");
    const quote = ctx.truth.quotes.find((q) => q.rfqId === rfq.id && q.status === "submitted")!;
    const original = ctx.truth.orgs.get(quote.vendorOrgId)!.name;
    const buyer = ctx.truth.roles.find((r) => r.orgId === rfq.buyerOrgId)!;
    const payloads = ['＝HYPERLINK("http://evil.example","x")', "｜calc", "=1+1", "＋1+1", "－1+1", "＠SUM(1)"];
    let unsafe = 0;
    const details: string[] = [];
    try {
      for (const p of payloads) {
        await ctx.db.query(`update organizations set name = $1 where id = $2`, [p, quote.vendorOrgId]);
        const csv = (await ctx.client.request(`/rfqs/${rfq.id}/compare.csv`, { jar: ctx.sessions.jars.get(buyer.label) })).text();
        if (!csv.includes(p.slice(1, 6))) {
          details.push(`${JSON.stringify(p)}: the name did not reach the CSV (cached?)`);
          continue;
        }
        // A cell that starts (after an optional opening quote) with the formula character, unescaped.
        const cells = csv.split(/\r?\n/).flatMap((line) => line.split(","));
        if (cells.some((c) => c.replace(/^\ufeff?"?/, "").startsWith(p[0]))) {
          unsafe++;
          details.push(`${JSON.stringify(p)} is written as a cell starting with ${p[0]}`);
        }
      }
    } finally {
      await ctx.db.query(`update organizations set name = $1 where id = $2`, [original, quote.vendorOrgId]);
    }
    return [result("CSV export: formula characters incl. full-width ＝ ｜", { tried: payloads.length, failures: unsafe, details })];
  },
};

export const dataFindings: Finding[] = [vendorConfidential, notificationsGet, refusedReadAudit, meiliKey, csvFullWidth, addendumUnseal];
