import { GeneralErrorBoundary } from "~/components/error-boundary";
import { notFound } from "~/utils/errors";

// Any URL no route claims: a real 404 status, rendered by the shared boundary in the reader's language.
export async function loader() {
  throw notFound();
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
