import { bearer, pool, type Client } from "./client";
import { buildSecrets, findLeaks, ownNumbersOf } from "./leaks";
import { result, type CheckResult } from "./report";
import { vendorMaySee, type Role, type Truth } from "./truth";

// Search scope: crafted keywords and filter parameters (filter-expression injection, sorts on hidden
// attributes, paging extremes, Meilisearch parameters passed through, exact titles of RFQs the reader
// may not see) on both search APIs, every role. A hit outside the reader's scope is a failure; so is
// anything the leak rules forbid in the response (a draft's title in a facet or highlight).

const CRAFTED: string[] = [
  "",
  "q=",
  "q=*",
  "q=%22%22",
  "q=給付",
  "q=accounting",
  "q=%E7%B5%8C%E7%90%86%20OR%201%3D1",
  "q=%22%20OR%20buyer_org_id%20EXISTS",
  "q=status%20%3D%20draft",
  "q=%00",
  `q=${"あ".repeat(600)}`,
  "q[]=a&q[]=b",
  "category=accounting%20OR%20status%20%3D%20draft",
  "category=accounting'%20OR%20'1'%3D'1",
  "category=x&category=accounting&category=hr_payroll&category=data_entry&category=municipal&category=creative",
  "cert=privacy_mark%20OR%20visibility%20%3D%20invited",
  "region=tokyo%20OR%201%3D1",
  "deadline=7%20OR%201%3D1",
  "deadline=-1",
  "fit=held",
  "fit=lacking",
  "sort=quote_deadline:asc",
  "sort=buyer_org_id:asc",
  "sort=status",
  "perPage=1000",
  "perPage=100",
  "page=0",
  "page=-1",
  "page=99999",
  "filter=status%20%3D%20draft",
  "filter=visibility%20%3D%20invited",
  "attributesToRetrieve=*",
  "attributesToHighlight=*&showMatchesPosition=true",
  "facets=*",
  "hitsPerPage=1000&offset=0&limit=1000",
];

interface Hit {
  id?: string;
}

/** Which RFQ ids the role may find: vendors the open ones they may quote on, buyers their own, nobody else any. */
function rfqScope(role: Role, truth: Truth): Set<string> {
  if (role.kind === "vendor")
    return new Set(
      truth.rfqs.filter((r) => r.status === "published" && vendorMaySee(r, role.orgId) && (r.deadline?.getTime() ?? 0) > truth.now.getTime()).map((r) => r.id),
    );
  if (role.kind === "buyer") return new Set(truth.rfqs.filter((r) => r.buyerOrgId === role.orgId).map((r) => r.id));
  return new Set();
}

/** Vendor search: buyers, advisors and admins may search the directory; only vendor organisations are hits. */
function vendorScope(role: Role, truth: Truth): Set<string> {
  return role.kind === "buyer" || role.kind === "advisory" || role.isAdmin ? new Set(truth.vendorOrgIds) : new Set();
}

export async function searchScope(client: Client, truth: Truth, opts: { quick: boolean }): Promise<CheckResult[]> {
  const roles = opts.quick
    ? truth.roles.filter((r) => ["buyer midori", "vendor next-keiri", "vendor growth-ad", "advisor", "anonymous"].includes(r.label))
    : truth.roles;
  const secrets = buildSecrets(truth);
  // Every RFQ's exact title as keywords: the strongest way to ask for an RFQ one may not see.
  const titled = truth.rfqs.map((r) => `q=${encodeURIComponent(r.title)}`);
  const named = [...truth.orgs.values()].filter((o) => o.kind !== "vendor").map((o) => `q=${encodeURIComponent(o.name)}`);
  const params = [...CRAFTED, ...titled, ...named];
  const jobs = roles.flatMap((role) =>
    (["rfqs", "vendors"] as const).flatMap((index) => params.map((p) => ({ role, index, url: `/api/v1/search/${index}${p ? `?${p}` : ""}` }))),
  );
  let outOfScope = 0;
  let serverErrors = 0;
  const details: string[] = [];
  const own = new Map(roles.map((r) => [r.label, ownNumbersOf(truth, r.orgId)]));
  await pool(jobs, 4, async ({ role, index, url }) => {
    const res = await client.tryRequest(url, { headers: bearer(role.token), ip: "127.0.0.4" });
    if (res.status >= 500 || res.status === 0) {
      serverErrors++;
      details.push(`${role.label} ${url} → ${res.status}`);
      return;
    }
    if (res.status !== 200) return;
    const scope = index === "rfqs" ? rfqScope(role, truth) : vendorScope(role, truth);
    const hits = ((res.json() as { hits?: Hit[] } | null)?.hits ?? []).filter((h) => !h.id || !scope.has(h.id));
    const leaks = findLeaks(secrets, role, url, res.text(), "application/json", own.get(role.label)!);
    if (hits.length || leaks.length) {
      outOfScope++;
      for (const h of hits.slice(0, 2)) details.push(`${role.label} ${url.slice(0, 120)} → out-of-scope hit ${h.id}`);
      for (const l of leaks.slice(0, 2)) details.push(`${role.label} ${url.slice(0, 120)} → ${l.what}`);
    }
  });
  return [
    result(`search: ${roles.length} roles × ${params.length} crafted queries × 2 indexes`, { tried: jobs.length, failures: outOfScope, serverErrors, details }),
  ];
}
