import { createRequestHandler } from "@remix-run/express";
import type { AppLoadContext, ServerBuild } from "@remix-run/node";
import express from "express";
import path from "node:path";
import { pathToFileURL } from "node:url";
import "../app/utils/context.server";
import { readEnv } from "../app/utils/env.server";
import { startRuntime } from "./lib/runtime";

// The production-style server behind `npm start` and the e2e tests: boots the runtime,
// serves the built Remix app, and stops everything it started on Ctrl-C.
const env = readEnv();
const runtime = await startRuntime(env);
const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;

const app = express();
app.disable("x-powered-by");
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
// public/ holds only the favicon besides build/: a route for it rather than a filesystem stat on every request.
app.get("/favicon.ico", (_req, res) => res.sendFile(path.resolve("public/favicon.ico"), { maxAge: "1h" }));
app.use((req, _res, next) => {
  // The client IP used for rate limiting comes from the socket, never from a header the client chose.
  req.headers["x-kurabe-client-ip"] = req.socket.remoteAddress ?? "unknown";
  next();
});
app.all(
  "*",
  createRequestHandler({
    build,
    mode: env.NODE_ENV === "production" ? "production" : "development",
    getLoadContext: (req) => {
      const fixed = env.KURABE_TEST_CLOCK === "1" ? req.header("x-kurabe-now") : undefined;
      // AppContext is what AppLoadContext extends (app/utils/context.server.ts); the cast only drops its index signature.
      return runtime.contextFor(fixed ? { now: () => new Date(fixed) } : undefined) as unknown as AppLoadContext;
    },
  }),
);

const server = app.listen(env.PORT, () => {
  console.log(`Kurabe is running at http://localhost:${env.PORT}`);
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping Kurabe…`);
  server.close();
  await runtime.stop();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
