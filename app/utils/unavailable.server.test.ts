import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable, noteDatabaseUnavailable, unavailableIfMarked, unavailableResponse, wasDatabaseUnavailable } from "./unavailable.server";

// What counts as "the database cannot be reached" (answered 503) and what stays a bug (answered 500).

const pgError = (code: string, message = "x") => Object.assign(new Error(message), { code, severity: "FATAL" });

describe("isDatabaseUnavailable", () => {
  it.each([
    ["connection refused", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })],
    [
      "refused on every address",
      new AggregateError([Object.assign(new Error("a"), { code: "ECONNREFUSED" }), Object.assign(new Error("b"), { code: "ECONNREFUSED" })]),
    ],
    ["admin shutdown (pg_ctl stop -m fast)", pgError("57P01", "terminating connection due to administrator command")],
    ["starting up", pgError("57P03", "the database system is starting up")],
    ["too many connections", pgError("53300", "sorry, too many clients already")],
    ["connection exception class 08", pgError("08006", "connection failure")],
    ["socket closed mid-query", new Error("Connection terminated unexpectedly")],
    ["client broken by an earlier error", new Error("Client has encountered a connection error and is not queryable")],
    ["wrapped as a cause", new Error("could not load the quote", { cause: Object.assign(new Error("reset"), { code: "ECONNRESET" }) })],
  ])("%s → unavailable", (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ["unique violation", pgError("23505", "duplicate key value violates unique constraint")],
    ["syntax error", pgError("42601", "syntax error at or near")],
    ["a program error", new TypeError("Cannot read properties of undefined")],
    ["a mixed aggregate", new AggregateError([Object.assign(new Error("a"), { code: "ECONNREFUSED" }), new Error("boom")])],
    ["not an object", "ECONNREFUSED"],
    ["null", null],
  ])("%s → a bug, not an outage", (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

describe("the 503 answer", () => {
  it("is problem+json in the caller's language with Retry-After for the API", async () => {
    const res = unavailableResponse(new Request("http://kurabe.test/api/v1/me", { headers: { "Accept-Language": "en" } }));
    expect(res.status).toBe(503);
    expect(res.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);
    expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await res.json()).toEqual({
      type: "about:blank",
      status: 503,
      title: "Temporarily unavailable",
      detail: "The database cannot be reached. Try again in a few seconds.",
    });
  });

  it("is a short page in Japanese and English otherwise", async () => {
    const res = unavailableResponse(new Request("http://kurabe.test/rfqs"));
    expect(res.status).toBe(503);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/html/);
    expect(res.headers.get("Retry-After")).not.toBeNull();
    const html = await res.text();
    expect(html).toContain("一時的にご利用いただけません");
    expect(html).toContain("Temporarily unavailable");
  });

  it("replaces only a 5xx of a request marked as having lost the database", () => {
    const request = new Request("http://kurabe.test/api/v1/me");
    const marked = {};
    noteDatabaseUnavailable(marked);
    expect(wasDatabaseUnavailable(marked)).toBe(true);
    expect(unavailableIfMarked(request, new Response("x", { status: 500 }), marked).status).toBe(503);
    expect(unavailableIfMarked(request, new Response("x", { status: 500 }), {}).status).toBe(500);
    expect(unavailableIfMarked(request, new Response("x", { status: 404 }), marked).status).toBe(404);
  });
});
