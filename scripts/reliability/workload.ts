import { TOKENS } from "./stack";
import type { Answer, Client } from "./client";

// The demo data's actors and what each can do, discovered through the API itself (so the suite follows the seed):
// vendors revising their submitted quotes on open RFQs, vendors asking questions there, buyers answering them,
// reading the comparison of their opened RFQs, listing and searching.

export interface QuoteTarget {
  token: string;
  quoteId: string;
  rfqId: string;
  content: Record<string, unknown>;
}

export interface Targets {
  quotes: QuoteTarget[];
  /** (buyer token, RFQ id) whose comparison answers 200. */
  comparisons: { token: string; rfqId: string }[];
  buyers: string[];
  /** Buyer token by RFQ id, to answer the questions asked on it. */
  buyerOf: Map<string, string>;
  searchWords: string[];
}

/** Acknowledged writes, kept by id so the database can be asked for each one afterwards. */
export class Acks {
  quoteVersions: { quoteId: string; version: number }[] = [];
  questions: string[] = [];
  answers: string[] = [];
  get total() {
    return this.quoteVersions.length + this.questions.length + this.answers.length;
  }
}

const VENDOR_EMAILS = Object.keys(TOKENS).filter((e) => TOKENS[e].startsWith("kurabe_demo_vendor_"));
const BUYER_EMAILS = Object.keys(TOKENS).filter((e) => TOKENS[e].startsWith("kurabe_demo_buyer_"));

function parse<T>(a: Answer, what: string): T {
  if (a.status !== 200) throw new Error(`${what}: ${a.status} ${a.body.slice(0, 300)}`);
  return JSON.parse(a.body) as T;
}

export async function discoverTargets(client: Client): Promise<Targets> {
  const quotes: QuoteTarget[] = [];
  const now = Date.now();
  for (const email of VENDOR_EMAILS) {
    const token = TOKENS[email];
    const list = parse<{ data: { id: string; status: string; rfq: { id: string; status: string; quoteDeadline: string } }[] }>(
      await client.request("/api/v1/vendor/quotes", { token }),
      "vendor quotes",
    );
    for (const q of list.data) {
      if (q.status !== "submitted" || q.rfq.status !== "published" || Date.parse(q.rfq.quoteDeadline) < now + 3_600_000) continue;
      const full = parse<{ content: Record<string, unknown> }>(await client.request(`/api/v1/quotes/${q.id}`, { token }), "quote");
      quotes.push({ token, quoteId: q.id, rfqId: q.rfq.id, content: full.content });
    }
  }
  const comparisons: Targets["comparisons"] = [];
  const buyerOf = new Map<string, string>();
  const buyers = BUYER_EMAILS.map((e) => TOKENS[e]);
  for (const token of buyers) {
    for (const status of ["open", "closed", "awarded"]) {
      const list = parse<{ data: { id: string }[] }>(await client.request(`/api/v1/rfqs?status=${status}`, { token }), "rfqs");
      for (const r of list.data) {
        buyerOf.set(r.id, token);
        if (status === "open") continue;
        const c = await client.request(`/api/v1/rfqs/${r.id}/comparison`, { token });
        if (c.status === 200) comparisons.push({ token, rfqId: r.id });
      }
    }
  }
  if (quotes.length === 0) throw new Error("no submitted quote on an open RFQ in the demo data to revise");
  if (comparisons.length === 0) throw new Error("no opened comparison in the demo data to read");
  return { quotes, comparisons, buyers, buyerOf, searchWords: ["給与", "コールセンター", "データ入力", "広告", "payroll", "記帳"] };
}

let counter = 0;

/** A revision of the quote: the same offer with a marked note, so every version differs. */
export async function reviseQuote(client: Client, t: QuoteTarget, acks: Acks, base?: string): Promise<Answer> {
  const n = ++counter;
  const content = { ...t.content, assumptions: `${String(t.content.assumptions ?? "").slice(0, 200)} (rev ${n})`, mode: "submit" };
  const a = await client.request(`/api/v1/rfqs/${t.rfqId}/quotes`, { method: "POST", token: t.token, json: content, base });
  if (a.status === 200 || a.status === 201) {
    const body = JSON.parse(a.body) as { id: string; version: number };
    acks.quoteVersions.push({ quoteId: body.id, version: body.version });
  }
  return a;
}

export async function askQuestion(client: Client, t: QuoteTarget, acks: Acks, pending: { id: string; rfqId: string }[]): Promise<Answer> {
  const a = await client.request(`/api/v1/rfqs/${t.rfqId}/questions`, {
    method: "POST",
    token: t.token,
    json: { question: `仕様の確認です（信頼性試験 ${++counter}）。納品形式はCSVでよろしいですか。` },
  });
  if (a.status === 201) {
    const body = JSON.parse(a.body) as { id: string };
    acks.questions.push(body.id);
    pending.push({ id: body.id, rfqId: t.rfqId });
  }
  return a;
}

export async function answerQuestion(client: Client, targets: Targets, acks: Acks, pending: { id: string; rfqId: string }[]): Promise<Answer | null> {
  const q = pending.shift();
  if (!q) return null;
  const token = targets.buyerOf.get(q.rfqId);
  if (!token) return null;
  const a = await client.request(`/api/v1/questions/${q.id}/answer`, { method: "POST", token, json: { answer: "はい、CSV（UTF-8）で納品してください。" } });
  if (a.status === 200) acks.answers.push(q.id);
  return a;
}

export function pick<T>(xs: T[]): T {
  return xs[Math.floor(Math.random() * xs.length)];
}
