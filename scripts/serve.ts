// The adapter's request/response converters (its index re-exports only createRequestHandler): the response is
// finished here (security headers, API problems) before it is sent.
import { createRemixRequest, sendRemixResponse } from "@remix-run/express/dist/server.js";
import { createRequestHandler, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import express, { type NextFunction, type Request as ExpressRequest, type Response as ExpressResponse } from "express";
import path from "node:path";
import { pathToFileURL } from "node:url";
import "../app/utils/context.server";
import { apiLocale, statusProblem } from "../app/utils/api.server";
import { readEnv } from "../app/utils/env.server";
import { isDatabaseUnavailable, unavailableIfMarked, unavailableResponse } from "../app/utils/unavailable.server";
import { applySecurityHeaders } from "../app/utils/security-headers.server";
import { clientIpOf, parseTrustedProxies } from "../app/utils/client-ip.server";
import { startRuntime } from "./lib/runtime";

// The production-style server behind `npm start` and the e2e tests: boots the runtime,
// serves the built Remix app, and stops everything it started on Ctrl-C.
const env = readEnv();
// Behind a reverse proxy the socket's peer is the proxy: TRUSTED_PROXIES names it (docs/deploy.md, decision 0055).
const trusted = parseTrustedProxies(process.env.TRUSTED_PROXIES);
if (!trusted.ok) {
  console.error(`Invalid environment:\n  ${trusted.error}`);
  process.exit(1);
}
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
app.use((req, _res, next) => {
  // From a trusted proxy only: the client it forwarded for (app/utils/client-ip.server.ts); otherwise unchanged.
  if (trusted.proxies.size > 0) req.headers["x-kurabe-client-ip"] = clientIpOf(req.socket.remoteAddress, req.headers["x-forwarded-for"], trusted.proxies);
  next();
});
app.use((req, res, next) => {
  // The app stops reading a body at its size limit (app/utils/request-body.server.ts) or refuses it before
  // reading (CSRF); the rest of such a body is not drained: once the answer is written the socket is cut.
  res.on("finish", () => {
    if (req.complete) return;
    // Node would drain and discard the rest; stop reading instead (the sender's window fills and it stalls),
    // give the answer a moment to reach the client, then close the connection.
    setImmediate(() => {
      req.pause();
      req.socket.pause();
      setTimeout(() => req.socket.destroy(), 1000).unref();
    });
  });
  next();
});

const production = env.NODE_ENV === "production";
const handleRequest = createRequestHandler(build, production ? "production" : "development");

/** Every response gets the security headers; an API error is problem+json whoever made it. */
function finish(request: Request, response: Response, context?: AppLoadContext): Response {
  // A request that failed because the database is unreachable (handleError marked its context) is a 503.
  response = unavailableIfMarked(request, response, context);
  const headers = new Headers(response.headers);
  const isApi = new URL(request.url).pathname.startsWith("/api/");
  // Remix's own answers (405 for a route without an action, 500 with its generic text) become problems too.
  if (isApi && response.status >= 400 && !(headers.get("Content-Type") ?? "").includes("problem+json")) {
    return finish(request, statusProblem(response.status, apiLocale(request)));
  }
  applySecurityHeaders(headers, { production });
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

app.all("*", async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
  let request: Request;
  try {
    request = createRemixRequest(req, res);
  } catch {
    // A Host header that is not a host name cannot become a URL.
    res.status(400).type("text/plain").send("Bad Request");
    return;
  }
  try {
    const fixed = env.KURABE_TEST_CLOCK === "1" ? req.header("x-kurabe-now") : undefined;
    // AppContext is what AppLoadContext extends (app/utils/context.server.ts); the cast only drops its index signature.
    const context = runtime.contextFor(fixed ? { now: () => new Date(fixed) } : undefined) as unknown as AppLoadContext;
    await sendRemixResponse(res, finish(request, await handleRequest(request, context), context));
  } catch (error) {
    next(error);
  }
});

// Last resort: log the error, show nobody a stack trace.
app.use((error: unknown, req: ExpressRequest, res: ExpressResponse, _next: NextFunction) => {
  if (res.headersSent) {
    console.error(error);
    return void res.end();
  }
  if (isDatabaseUnavailable(error)) {
    const request = new Request(`http://localhost${req.path}`, { headers: { "Accept-Language": req.header("accept-language") ?? "" } });
    const answer = finish(request, unavailableResponse(request));
    res.status(answer.status);
    answer.headers.forEach((value, name) => res.setHeader(name, value));
    void answer.text().then((body) => res.send(body));
    return;
  }
  console.error(error);
  const problem = statusProblem(500, apiLocale(new Request("http://localhost/", { headers: { "Accept-Language": req.header("accept-language") ?? "" } })));
  res.status(500).type(req.path.startsWith("/api/") ? "application/problem+json" : "text/plain");
  void problem.text().then((body) => res.send(req.path.startsWith("/api/") ? body : "Internal Server Error"));
});

const server = app.listen(env.PORT, () => {
  console.log(`Kurabe is running at http://localhost:${env.PORT}`);
});
// Node closes an idle keep-alive connection after 5 s; a reverse proxy that keeps upstream connections (nginx
// `keepalive`, load balancers: 60 s idle) would then now and then send a request on a socket this end is closing and
// answer 502. Idle connections therefore outlive the proxy's idle timeout (docs/deploy.md).
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
// A port already in use (another Kurabe still running?) must not leave the Meilisearch it started behind.
server.on("error", (error: NodeJS.ErrnoException) => {
  console.error(
    error.code === "EADDRINUSE" ? `Port ${env.PORT} is already in use (is Kurabe already running?). Stop it, or start with PORT=<another port>.` : error,
  );
  void runtime.stop().then(() => process.exit(1));
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
