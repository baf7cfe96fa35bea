import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useI18n } from "~/utils/use-i18n";

/** The 403 / 404 / 500 pages, in the reader's language. Details of a 500 never reach the page. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useI18n();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const csrf = isRouteErrorResponse(error) && error.statusText === "csrf";
  const kind = status === 404 ? "404" : status === 403 ? "403" : "500";
  // A request the server refused to read (too large, not a form, unreadable) is the sender's problem, not ours.
  const http = status === 413 || status === 415 ? status : status >= 400 && status < 500 && kind === "500" ? 400 : null;
  return (
    <section className="error-page" aria-labelledby="error-title">
      <p className="error-code">{status}</p>
      <h1 id="error-title">{http ? t(`http.${http}.title`) : t(`error.${kind}.title`)}</h1>
      <p>{csrf ? t("error.csrf") : http ? t(`http.${http}.body`) : t(`error.${kind}.body`)}</p>
      <p>
        <Link to="/" className="button">
          {t("error.goHome")}
        </Link>
      </p>
    </section>
  );
}
