import type { LoaderFunctionArgs } from "@remix-run/node";
import { buildOpenApiDocument } from "~/api/openapi";
import { json } from "~/utils/api.server";

// Public: the document describes the API; it holds no data.
export async function loader({ request }: LoaderFunctionArgs) {
  return json(buildOpenApiDocument(new URL(request.url).origin));
}
