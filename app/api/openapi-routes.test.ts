import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "./openapi";

// Every /api/v1 route file and the OpenAPI document describe the same operations: a route added
// without its documentation (or documentation left behind by a removed route) fails here.
//
// Which methods a route answers is found by asking it, without a token: an operation it serves
// refuses with 401 (or, for the public document, answers 200); any other method gets 405 before
// authentication. No database is reached, so this runs as a unit test.

// The API routes live in their feature folder `app/routes/api.v1+/` (decision 0020): `rfqs.$id.ts` there is
// the flat route `api.v1.rfqs.$id.ts`.
const API_ROUTES_DIR = fileURLToPath(new URL("../routes/api.v1+/", import.meta.url));
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const SOME_ID = "00000000-0000-4000-8000-000000000000";

type RouteModule = { loader?: (args: LoaderFunctionArgs) => Promise<Response>; action?: (args: ActionFunctionArgs) => Promise<Response> };

/** `api.v1.rfqs.$id.comparison[.]xlsx.ts` → `/api/v1/rfqs/{id}/comparison.xlsx` (Remix flat-route naming). */
export function routePath(file: string): string {
  const segments = file
    .replace(/\.tsx?$/, "")
    .replace(/\[\.\]/g, "~dot~")
    .split(".")
    .map((segment) => segment.replaceAll("~dot~", ".").replace(/^\$(\w+)$/, "{$1}"));
  return `/${segments.join("/")}`;
}

async function status(run: () => Promise<Response> | undefined): Promise<number | undefined> {
  try {
    return (await run())?.status;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

async function servedMethods(module: RouteModule, path: string): Promise<string[]> {
  const served: string[] = [];
  for (const method of METHODS) {
    const request = new Request(`http://kurabe.test${path.replace("{id}", SOME_ID)}`, { method });
    const args = { request, params: { id: SOME_ID }, context: {} as never };
    const handler = method === "GET" ? module.loader : module.action;
    // A route without an action has no other method: Remix answers 405 itself.
    const answered = handler ? await status(() => handler(args)) : 405;
    if (answered === 401 || answered === 200) served.push(method.toLowerCase());
    else expect(answered, `${method} ${path}`).toBe(405);
  }
  return served;
}

describe("OpenAPI document ↔ /api/v1 route files", () => {
  const files = readdirSync(API_ROUTES_DIR).filter((f) => /\.tsx?$/.test(f) && f !== "$.ts");

  it("maps route file names to paths", () => {
    expect(routePath("api.v1.rfqs.$id.comparison[.]xlsx.ts")).toBe("/api/v1/rfqs/{id}/comparison.xlsx");
    expect(routePath("api.v1.openapi[.]json.ts")).toBe("/api/v1/openapi.json");
  });

  it("documents every operation each route serves, and nothing else", async () => {
    const doc = buildOpenApiDocument("http://kurabe.test") as { paths: Record<string, Record<string, unknown>> };
    const fromRoutes: string[] = [];
    for (const file of files) {
      const path = routePath(`api.v1.${file}`);
      const module = (await import(/* @vite-ignore */ `../routes/api.v1+/${file}`)) as RouteModule;
      for (const method of await servedMethods(module, path)) fromRoutes.push(`${method} ${path}`);
    }
    const documented = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((key) => (METHODS as readonly string[]).includes(key.toUpperCase()))
        .map((method) => `${method} ${path}`),
    );
    // The document describes itself too; it is served by api.v1.openapi[.]json.ts like any other route.
    expect(fromRoutes.length).toBeGreaterThan(files.length);
    expect([...new Set(fromRoutes)].sort()).toEqual([...new Set(documented), "get /api/v1/openapi.json"].sort());
    // It imports every API route module: several seconds on a busy machine.
  }, 30_000);
});
