import fc from "fast-check";

// Request bodies for the fuzz scenario, derived from the JSON Schemas the OpenAPI document renders from the zod
// schemas the handlers parse with (z.toJSONSchema, app/api/openapi-helpers.ts): `validShaped` builds values of the
// documented shape, `mutated` breaks exactly one place of such a value and says where (the field an answer must
// name), and `NASTIES` are hand-written bodies no schema describes (broken JSON, deep nesting, huge values,
// duplicate keys, wrong content types, invalid UTF-8). Pure: no I/O; tested in fuzz-bodies.test.ts.

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
  pattern?: string;
  $defs?: Record<string, JsonSchema>;
}

/** Follows `#/…` references against the document they came from (the OpenAPI document or the schema itself). */
export function resolveRef(schema: JsonSchema, root: unknown): JsonSchema {
  let s = schema;
  for (let hops = 0; s.$ref && hops < 20; hops++) {
    const parts = s.$ref.replace(/^#\//, "").split("/");
    let at: unknown = root;
    for (const p of parts) at = (at as Record<string, unknown> | undefined)?.[decodeURIComponent(p.replace(/~1/g, "/").replace(/~0/g, "~"))];
    if (!at) throw new Error(`unresolvable $ref ${s.$ref}`);
    s = at as JsonSchema;
  }
  return s;
}

const MAX_DEPTH = 6;
const KEY = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,11}$/);
const ISO_DATE = fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true });

function stringOf(s: JsonSchema): fc.Arbitrary<string> {
  switch (s.format) {
    case "uuid":
      return fc.uuid({ version: 4 });
    case "date-time":
      return ISO_DATE.map((d) => d.toISOString());
    case "date":
      return ISO_DATE.map((d) => d.toISOString().slice(0, 10));
    case "email":
      return fc.emailAddress();
    case "uri":
      return fc.webUrl();
  }
  if (s.pattern) {
    try {
      return fc.stringMatching(new RegExp(s.pattern)).filter((v) => v.length >= (s.minLength ?? 0) && v.length <= (s.maxLength ?? Infinity));
    } catch {
      // A pattern JavaScript cannot compile: fall through to plain text.
    }
  }
  const min = s.minLength ?? 0;
  const max = Math.max(min, Math.min(s.maxLength ?? 24, min + 24));
  return fc.string({ minLength: min, maxLength: max, unit: "grapheme" }).filter((v) => v.trim().length >= Math.min(min, 1));
}

function numberOf(s: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const lo = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + (integer ? 1 : 1e-9) : -1_000_000);
  const hi = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - (integer ? 1 : 1e-9) : 1_000_000_000);
  if (integer) return fc.integer({ min: Math.max(Math.ceil(lo), Number.MIN_SAFE_INTEGER), max: Math.min(Math.floor(hi), Number.MAX_SAFE_INTEGER) });
  return fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true });
}

/** Values of the schema's shape (what a well-behaved client sends), depth-limited. */
export function validShaped(schema: JsonSchema, root: unknown, depth = 0): fc.Arbitrary<unknown> {
  const s = resolveRef(schema, root);
  if (depth > MAX_DEPTH) return fc.constant(null);
  if ("const" in s) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((a) => validShaped(a, root, depth + 1)));
  if (s.allOf) {
    const parts = s.allOf.map((a) => resolveRef(a, root));
    return validShaped(
      {
        type: "object",
        properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})),
        required: parts.flatMap((p) => p.required ?? []),
      },
      root,
      depth,
    );
  }
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if (types.length > 1) return fc.oneof(...types.map((t) => validShaped({ ...s, type: t }, root, depth)));
  switch (types[0]) {
    case "null":
      return fc.constant(null);
    case "boolean":
      return fc.boolean();
    case "string":
      return stringOf(s);
    case "integer":
      return numberOf(s, true);
    case "number":
      return numberOf(s, false);
    case "array": {
      const min = s.minItems ?? 0;
      const max = Math.max(min, Math.min(s.maxItems ?? 3, min + 3));
      if (s.prefixItems) return fc.tuple(...s.prefixItems.map((p) => validShaped(p, root, depth + 1)));
      return fc.array(s.items ? validShaped(s.items, root, depth + 1) : fc.jsonValue({ maxDepth: 1 }), { minLength: min, maxLength: max });
    }
    case "object":
    case undefined: {
      if (!s.properties && types[0] === undefined) return fc.jsonValue({ maxDepth: 2 });
      const props = s.properties ?? {};
      const record = fc.record(Object.fromEntries(Object.entries(props).map(([k, v]) => [k, validShaped(v, root, depth + 1)])), {
        requiredKeys: (s.required ?? []).filter((k) => k in props),
      });
      if (typeof s.additionalProperties === "object") {
        const extra = fc.dictionary(KEY, validShaped(s.additionalProperties, root, depth + 1), { maxKeys: 3 });
        return fc.tuple(record, extra).map(([r, e]) => ({ ...e, ...r }));
      }
      return record;
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Values no field of a JSON API should take as they are (wrong types, limits, text that breaks things). */
export const WRONG_VALUES: readonly unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  -0.000001,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  2 ** 63,
  "",
  " ",
  "NaN",
  "Infinity",
  "-0",
  "1e999",
  "0x10",
  "2026-02-30",
  "2026-13-01T25:61:00Z",
  "00000000-0000-0000-0000-000000000000",
  "x".repeat(100_000),
  "𠮷".repeat(5_000),
  "\u0000",
  "a\ud800b",
  "<script>alert(1)</script>",
  "'; drop table quotes; --",
  "../../etc/passwd",
  [],
  [null],
  {},
  JSON.parse('{"__proto__":{"admin":true}}'),
  JSON.parse('{"constructor":{"prototype":{"polluted":true}}}'),
  Array.from({ length: 10_000 }, (_, i) => i),
  nested(200),
];

function nested(levels: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < levels; i++) v = { a: v };
  return v;
}

export type Path = (string | number)[];

/** Every place in a value a mutation can hit, the root included. */
export function pathsOf(value: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...at, i], out));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) pathsOf(v, [...at, k], out);
  return out;
}

function setAt(value: unknown, path: Path, replace: (old: unknown) => { keep: boolean; value?: unknown }): unknown {
  if (path.length === 0) {
    const r = replace(value);
    return r.value;
  }
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy = [...value];
    if (rest.length === 0) {
      const r = replace(copy[head as number]);
      if (r.keep) copy[head as number] = r.value;
      else copy.splice(head as number, 1);
      return copy;
    }
    copy[head as number] = setAt(copy[head as number], rest, replace);
    return copy;
  }
  const obj = { ...(value as Record<string, unknown>) };
  if (rest.length === 0) {
    const r = replace(obj[head as string]);
    if (r.keep) obj[head as string] = r.value;
    else delete obj[head as string];
    return obj;
  }
  obj[head as string] = setAt(obj[head as string], rest, replace);
  return obj;
}

export interface Mutation {
  body: unknown;
  /** The valid-shaped value before it was broken (a control: was it refused already?). */
  base: unknown;
  /** Where the body was broken ("" = the whole body): an answer refusing it must name this path or one around it. */
  path: string;
  kind: "replace" | "remove" | "unknown-key";
}

/** A valid-shaped value broken in one place: a wrong value, a removed field or an unknown key. */
export function mutated(schema: JsonSchema, root: unknown): fc.Arbitrary<Mutation> {
  return validShaped(schema, root).chain((value) => {
    const paths = pathsOf(value);
    return fc
      .tuple(
        fc.constantFrom(...paths),
        fc.constantFrom(...WRONG_VALUES),
        fc.constantFrom("replace", "remove", "unknown-key") as fc.Arbitrary<Mutation["kind"]>,
        KEY,
      )
      .map(([path, wrong, kind, key]): Mutation => {
        const where = path.join(".");
        if (kind === "remove" && path.length > 0) return { body: setAt(value, path, () => ({ keep: false })), base: value, path: where, kind };
        if (kind === "unknown-key" && value && typeof value === "object" && !Array.isArray(value)) {
          const k = `zz_${key}`;
          return { body: { ...(value as object), [k]: wrong }, base: value, path: k, kind };
        }
        return { body: setAt(value, path, () => ({ keep: true, value: wrong })), base: value, path: where, kind: "replace" };
      });
  });
}

export interface RawBody {
  name: string;
  body: string | Buffer;
  contentType?: string;
}

/** Hand-written bodies: what no schema generates. `valid` is one valid-shaped body of the operation. */
export function nasties(valid: unknown): RawBody[] {
  const text = JSON.stringify(valid ?? {});
  const firstKey = valid && typeof valid === "object" && !Array.isArray(valid) ? Object.keys(valid)[0] : undefined;
  return [
    { name: "empty body", body: "" },
    { name: "whitespace", body: "  \n " },
    { name: "null", body: "null" },
    { name: "array", body: "[]" },
    { name: "string", body: '"hello"' },
    { name: "number", body: "42" },
    { name: "huge number", body: "1e400" },
    { name: "truncated JSON", body: text.slice(0, Math.max(1, Math.floor(text.length / 2))) },
    { name: "trailing garbage", body: `${text}}` },
    { name: "two documents", body: `${text}${text}` },
    { name: "single quotes", body: text.replace(/"/g, "'") },
    { name: "comments", body: `/* x */ ${text}` },
    { name: "BOM", body: `\ufeff${text}` },
    { name: "duplicate keys", body: firstKey ? `{"${firstKey}": {"x": 1}, ${text.slice(1)}` : '{"a": 1, "a": {"b": 2}}' },
    {
      name: "duplicate keys, last wins wrong",
      body: firstKey ? `${text.slice(0, -1)}${text.length > 2 ? "," : ""} "${firstKey}": [[[]]]}` : '{"a": 1, "a": []}',
    },
    { name: "deep array nesting", body: `${"[".repeat(100_000)}${"]".repeat(100_000)}` },
    { name: "deep object nesting", body: `${'{"a":'.repeat(50_000)}1${"}".repeat(50_000)}` },
    {
      name: "1 MB string",
      body: JSON.stringify({ ...(typeof valid === "object" && valid && !Array.isArray(valid) ? valid : {}), [firstKey ?? "text"]: "あ".repeat(350_000) }),
    },
    { name: "over the size limit", body: JSON.stringify({ text: "a".repeat(1_100_000) }) },
    { name: "10,000 keys", body: JSON.stringify(Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, i]))) },
    {
      name: "invalid UTF-8",
      body: Buffer.concat([Buffer.from(firstKey ? `{"${firstKey}":"` : '{"a":"'), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from('"}')]),
    },
    { name: "NUL in a key", body: '{"\\u0000": 1}' },
    { name: "lone surrogate", body: firstKey ? `{"${firstKey}": "\\ud800"}` : '{"a": "\\udc00"}' },
    { name: "text/plain", body: text, contentType: "text/plain" },
    { name: "form-encoded", body: "a=1&b=2", contentType: "application/x-www-form-urlencoded" },
    { name: "multipart", body: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n', contentType: "multipart/form-data; boundary=x" },
    { name: "XML", body: "<?xml version='1.0'?><a/>", contentType: "application/xml" },
    { name: "no content type", body: text, contentType: "" },
    { name: "JSON as latin1", body: text, contentType: "application/json; charset=iso-8859-1" },
  ];
}

/** Whether an error path names the broken place: the same path, a field inside it, or one around it. */
export function namesPath(errorPath: string, brokenPath: string): boolean {
  if (errorPath === brokenPath || brokenPath === "" || errorPath === "") return true;
  return brokenPath.startsWith(`${errorPath}.`) || errorPath.startsWith(`${brokenPath}.`);
}
