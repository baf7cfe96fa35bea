import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiLocale, apiNotFound } from "~/utils/api.server";

// Unknown API paths answer in problem+json, not with the HTML 404 page.
export async function loader({ request }: LoaderFunctionArgs) {
  return apiNotFound(apiLocale(request));
}
export const action = loader;
