import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import type { core, z } from "zod";
import type { Locale } from "~/i18n";
import { apiNotFound, failureProblem, inputProblem, methodNotAllowed, parseApiInput, readJsonBody, requireApiCaller, type ApiCaller } from "~/utils/api.server";
import type { AppContext } from "~/utils/context.server";
import { isRowId } from "~/utils/row-id";
import { ServiceFailure } from "~/utils/service-failure";

// The preamble every /api/v1 endpoint shares, in the order the API has always answered it:
// method (405) → Bearer caller (401) → path id (404) → JSON body (413/400) → zod parse (400 problem)
// → handler; a ServiceFailure the handler returns becomes problem+json (failureProblem).

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface ApiCall<B = undefined> {
  request: Request;
  params: LoaderFunctionArgs["params"];
  context: AppContext;
  caller: ApiCaller;
  locale: Locale;
  /** The path's `:id`, checked to be a row id — only when the route was built with `{ id: true }`. */
  id: string;
  body: B;
}

type Answer = Response | ServiceFailure;
type Handler<B> = (call: ApiCall<B>) => Promise<Answer>;

interface Endpoint<B> {
  /** A zod schema (parsed with messages in the caller's language) or "json" for the raw JSON value. */
  body: core.$ZodType<B> | "json";
  run: Handler<B>;
}

/** An endpoint that reads a JSON body first; with a schema the handler gets the parsed value. */
export function withBody<S extends core.$ZodType>(schema: S, run: Handler<z.output<S>>): Endpoint<z.output<S>>;
export function withBody(schema: "json", run: Handler<unknown>): Endpoint<unknown>;
export function withBody(body: core.$ZodType | "json", run: Handler<never>): Endpoint<unknown> {
  return { body, run } as Endpoint<unknown>;
}

type Methods = Partial<Record<Method, Handler<undefined> | Endpoint<any>>>;

interface RouteOptions {
  /** The route has an `:id` that must be a row id; anything else answers 404 like an unknown id. */
  id?: boolean;
}

export function apiRoute(options: RouteOptions, methods: Methods) {
  // GET first, as the Allow header has always listed it.
  const allow = (Object.keys(methods) as Method[]).sort((a, b) => Number(b === "GET") - Number(a === "GET"));

  async function answer(method: Method, { request, params, context }: LoaderFunctionArgs | ActionFunctionArgs): Promise<Response> {
    const endpoint = methods[method];
    if (!endpoint) return methodNotAllowed(request, allow);
    const caller = await requireApiCaller(request, context);
    const { locale } = caller;
    if (options.id && !isRowId(params.id)) return apiNotFound(locale);
    const call: ApiCall<unknown> = { request, params, context, caller, locale, id: params.id ?? "", body: undefined };
    let run = endpoint as Handler<unknown>;
    if (typeof endpoint !== "function") {
      run = endpoint.run;
      const read = await readJsonBody(request, locale);
      if (!read.ok) return read.response;
      call.body = read.data;
      if (endpoint.body !== "json") {
        const parsed = parseApiInput(endpoint.body, read.data, locale);
        if (!parsed.success) return inputProblem(parsed.error.issues, locale);
        call.body = parsed.data;
      }
    }
    const result = await run(call);
    return result instanceof ServiceFailure ? failureProblem(result, locale) : result;
  }

  return {
    loader: (args: LoaderFunctionArgs) => answer("GET", args),
    action: (args: ActionFunctionArgs) => answer(args.request.method.toUpperCase() as Method, args),
  };
}
