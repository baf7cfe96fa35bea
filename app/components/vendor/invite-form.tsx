import { Link, useFetcher, useLocation } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { Field } from "~/components/field";
import { formatDateTime } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";

export interface InvitableRfq {
  id: string;
  title: string;
  status: string;
  quote_deadline: string | null;
}

export type InviteActionData = { fieldErrors: Record<string, string[] | null | undefined> | null };

/**
 * "Invite to RFQ" for one vendor. A fetcher form: with JavaScript the errors appear in place and
 * a success follows the action's redirect (back to `returnTo`, with a toast); without it, the
 * browser posts to /vendors/:id/invite, which answers with the same form and its errors.
 */
export function InviteForm({
  vendorId,
  rfqs,
  returnTo,
  errors,
  open,
}: {
  vendorId: string;
  rfqs: InvitableRfq[];
  returnTo: string;
  errors?: InviteActionData["fieldErrors"];
  open?: boolean;
}) {
  const fetcher = useFetcher<InviteActionData>({ key: `invite-${vendorId}` });
  const { t, locale } = useI18n();
  const fieldErrors = fetcher.data?.fieldErrors ?? errors ?? null;
  const id = `invite-${vendorId}-rfq`;
  // A fresh (closed, unselected) panel after every navigation, including the redirect that follows
  // a successful invitation; the panel a reader opened stays open while they correct an error.
  const { key } = useLocation();
  return (
    <details key={key} className="invite" open={open || Boolean(errors)} data-testid="invite">
      <summary>{t("rfqInvite.title")}</summary>
      {rfqs.length === 0 ? (
        <p className="muted">
          {t("rfqInvite.noRfqs")} <Link to="/rfqs/new">{t("rfqInvite.createRfq")}</Link>
        </p>
      ) : (
        <fetcher.Form method="post" action={`/vendors/${vendorId}/invite`} className="inline-form">
          <CsrfInput />
          <input type="hidden" name="returnTo" value={returnTo} />
          <Field id={id} label={t("rfqInvite.rfq")} errors={fieldErrors?.rfqId}>
            {(aria) => (
              <select name="rfqId" defaultValue="" {...aria}>
                <option value="">{t("rfqInvite.choose")}</option>
                {rfqs.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.status === "draft" || !r.quote_deadline
                      ? t("rfqInvite.optionDraft", { title: r.title })
                      : t("rfqInvite.optionOpen", { title: r.title, date: formatDateTime(r.quote_deadline, locale) })}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit" className="button" disabled={fetcher.state !== "idle"}>
            {t("rfqInvite.submit")}
          </button>
        </fetcher.Form>
      )}
    </details>
  );
}
