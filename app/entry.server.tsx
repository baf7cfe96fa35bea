import { PassThrough } from "node:stream";
import { randomBytes } from "node:crypto";
import type { AppLoadContext, EntryContext, HandleDataRequestFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceContext } from "~/utils/nonce";
import { isDatabaseUnavailable, noteDatabaseUnavailable } from "~/utils/unavailable.server";
import { applySecurityHeaders, documentCsp, formActionOrigins } from "~/utils/security-headers.server";

// Remix's default Node entry plus the security headers: a fresh CSP nonce per document, handed to the
// root (Scripts, ScrollRestoration) through NonceContext and to React for its own inline scripts.
const ABORT_DELAY = 5_000;

const isProduction = (context: AppLoadContext) => context.env?.NODE_ENV === "production";

export default function handleRequest(request: Request, status: number, headers: Headers, remixContext: EntryContext, loadContext: AppLoadContext) {
  const nonce = randomBytes(16).toString("base64");
  headers.set("Content-Security-Policy", documentCsp(nonce, loadContext.env ? formActionOrigins(loadContext.env) : []));
  applySecurityHeaders(headers, { production: isProduction(loadContext) });
  // Bots get the whole page at once; browsers get it streamed from the shell.
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />
      </NonceContext.Provider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          headers.set("Content-Type", "text/html");
          resolve(new Response(createReadableStreamFromReadable(body), { headers, status }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          status = 500;
          // Errors before the shell reject above and are logged by Remix; these happen while streaming.
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

/** Loader and action data fetched by the browser carry the same headers as pages (no-store above all). */
export const handleDataRequest: HandleDataRequestFunction = (response, { context }) => {
  const production = isProduction(context);
  try {
    applySecurityHeaders(response.headers, { production });
    return response;
  } catch {
    // Immutable headers (a Response.redirect()): copy the response first.
    const copy = new Response(response.body, response);
    applySecurityHeaders(copy.headers, { production });
    return copy;
  }
};

/**
 * Server errors are logged (never shown: production mode renders the error page without details). A POST to a
 * route without an action is the client's mistake, answered 405 by Remix, and would otherwise let anyone fill
 * the error log; aborted requests are the client leaving.
 */
export function handleError(error: unknown, { request, context }: { request: Request; context?: unknown }) {
  // The database is unreachable: the server answers this request 503 (app/utils/unavailable.server.ts). An
  // outage, not a bug: one warning line per request while it lasts, not a stack.
  if (isDatabaseUnavailable(error)) {
    noteDatabaseUnavailable(context);
    console.warn(`database unavailable: ${error instanceof Error ? error.message || (error as { code?: string }).code : String(error)}`);
    return;
  }
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  if (error instanceof Error && /^You made a [A-Z]+ request to ".*" but did not provide an `action`/.test(error.message)) return;
  console.error(error);
}
