// Reading request bodies with a ceiling. Nothing in the app calls request.formData() / request.text()
// directly: an unbounded body (a 250 MB JSON document, a 100 MB form to /login) is a memory DoS, so
// the declared Content-Length is checked first and the streamed bytes are counted (a chunked body
// declares nothing), and reading stops the moment the limit is passed.

/** Forms and JSON documents: generous for the largest RFQ form, tiny for memory. */
export const MAX_BODY_BYTES = 1024 * 1024;

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body over ${limit} bytes`);
    this.name = "BodyTooLargeError";
  }
}

/** The whole body as bytes, or BodyTooLargeError as soon as it is known to exceed `limit`. */
export async function readBodyBytes(request: Request, limit = MAX_BODY_BYTES): Promise<Uint8Array<ArrayBuffer>> {
  const declared = request.headers.get("Content-Length");
  if (declared !== null && Number(declared) > limit) throw new BodyTooLargeError(limit);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      // Stop pulling, but do not cancel: cancelling the Node adapter's stream destroys the socket at once, and
      // the client would get a reset instead of the 413. The server (scripts/serve.ts) closes the connection
      // once the answer is out.
      reader.releaseLock();
      throw new BodyTooLargeError(limit);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/** The body as UTF-8 text (malformed bytes become U+FFFD, as a browser would decode them). */
export async function readBodyText(request: Request, limit = MAX_BODY_BYTES): Promise<string> {
  return new TextDecoder().decode(await readBodyBytes(request, limit));
}

// NUL cannot be stored in PostgreSQL text; a lone surrogate cannot be encoded as UTF-8.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const UNSTORABLE = new RegExp(`\\u0000|${LONE_SURROGATE.source}`);

export function hasUnstorableText(value: string): boolean {
  return UNSTORABLE.test(value);
}

/**
 * Form text made storable: NUL removed, lone surrogates replaced by U+FFFD. A browser never sends
 * either (it encodes lone surrogates as U+FFFD itself), so only hand-made requests are changed, and they
 * get what a browser would have sent instead of a database error.
 */
export function storableText(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/\u0000/g, "").replace(LONE_SURROGATE, "\ufffd");
}

/** The first JSON path whose string (or key) cannot be stored, or null. */
/** Deeper than any body the API documents; a JSON value nested beyond it is refused before anything walks it. */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether a parsed JSON value nests arrays/objects deeper than `max`. Iterative: a body of `[[[[…]]]]` 100,000
 * deep parses fine but overflowed the stack of every recursive walk after it (found by the reliability suite's
 * fuzz, decision 0056).
 */
export function nestsDeeperThan(value: unknown, max = MAX_JSON_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    if (depth >= max) return true;
    for (const inner of Array.isArray(v) ? v : Object.values(v)) if (inner !== null && typeof inner === "object") stack.push([inner, depth + 1]);
  }
  return false;
}

export function findUnstorableText(value: unknown, path: (string | number)[] = []): (string | number)[] | null {
  if (typeof value === "string") return hasUnstorableText(value) ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorableText(value[i], [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      if (hasUnstorableText(key)) return [...path, key];
      const found = findUnstorableText(inner, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

export type FormBodyFailure = "tooLarge" | "unsupportedType" | "malformed";

const FAILURE_STATUS: Record<FormBodyFailure, number> = { tooLarge: 413, unsupportedType: 415, malformed: 400 };

/** What a page answers for a body it cannot read: the error page renders the status in the reader's language. */
export function formBodyFailure(reason: FormBodyFailure): Response {
  return new Response(reason, { status: FAILURE_STATUS[reason], statusText: reason });
}

/**
 * A form body (urlencoded, or multipart without files worth keeping) as FormData with storable text,
 * or the reason it cannot be one. A POST with no body and no type is an empty form: the CSRF check
 * then refuses it with 403 rather than the parser failing with 500.
 */
export async function readFormBody(
  request: Request,
  limit = MAX_BODY_BYTES,
): Promise<{ ok: true; formData: FormData } | { ok: false; reason: FormBodyFailure }> {
  const type = (request.headers.get("Content-Type") ?? "").toLowerCase();
  const urlencoded = type.startsWith("application/x-www-form-urlencoded");
  const multipart = type.startsWith("multipart/form-data");
  if (!urlencoded && !multipart && type !== "") return { ok: false, reason: "unsupportedType" };
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = await readBodyBytes(request, limit);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return { ok: false, reason: "tooLarge" };
    throw error;
  }
  const formData = new FormData();
  if (type === "") {
    if (bytes.byteLength > 0) return { ok: false, reason: "unsupportedType" };
    return { ok: true, formData };
  }
  let parsed: FormData;
  try {
    parsed = await new Response(bytes, { headers: { "Content-Type": request.headers.get("Content-Type") ?? "" } }).formData();
  } catch {
    return { ok: false, reason: "malformed" };
  }
  for (const [key, value] of parsed) formData.append(storableText(key), typeof value === "string" ? storableText(value) : value);
  return { ok: true, formData };
}
