import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { methodNotAllowed } from "~/api/rfq-responses.server";
import { vendorQuotesForCaller } from "~/services/quote-api.server";
import { apiNotFound, json, requireApiCaller } from "~/utils/api.server";

// GET: the calling vendor's quotes on every RFQ, newest first (figures, no content). Other
// organisations get 404: there is no such list for them.

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = await requireApiCaller(request, context);
  const list = await vendorQuotesForCaller(context, caller.actor);
  return list ? json(list) : apiNotFound(caller.locale);
}

export async function action({ request }: ActionFunctionArgs) {
  return methodNotAllowed(request, ["GET"]);
}
