import { Form } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { Field } from "~/components/field";
import { formatDate } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";

export type BuyerAdvisors = {
  assigned: { advisor_org_id: string; advisor_name: string; assigned_by_name: string; created_at: string }[];
  available: { id: string; name: string }[];
};

/** The buyer's "Advisors" section on its RFQ: who is assigned (with a remove button each) and an assign form. */
export function AdvisorsSection({ data, errors }: { data: BuyerAdvisors; errors?: string[] }) {
  const { t, locale } = useI18n();
  return (
    <section className="card stack" aria-labelledby="advisors-heading" data-testid="advisors">
      <h2 id="advisors-heading">{t("advisors.title")}</h2>
      <p className="hint">{t("advisors.intro")}</p>
      {data.assigned.length === 0 ? <p className="muted">{t("advisors.none")}</p> : null}
      <ul className="stack">
        {data.assigned.map((a) => (
          <li key={a.advisor_org_id} data-testid="advisor-row" className="title-row">
            <span>
              <strong>{a.advisor_name}</strong>{" "}
              <span className="muted small">{t("advisors.assignedBy", { name: a.assigned_by_name, date: formatDate(a.created_at, locale) })}</span>
            </span>
            <Form method="post">
              <CsrfInput />
              <input type="hidden" name="intent" value="removeAdvisor" />
              <input type="hidden" name="advisorOrgId" value={a.advisor_org_id} />
              <button type="submit" className="button" aria-label={`${t("advisors.remove")}: ${a.advisor_name}`}>
                {t("advisors.remove")}
              </button>
            </Form>
          </li>
        ))}
      </ul>
      {data.available.length === 0 ? (
        <p className="muted">{t("advisors.assign.noneAvailable")}</p>
      ) : (
        <Form method="post" className="inline-form">
          <CsrfInput />
          <input type="hidden" name="intent" value="assignAdvisor" />
          <Field id="advisorOrgId" label={t("advisors.assign.org")} errors={errors}>
            {(aria) => (
              <select name="advisorOrgId" defaultValue="" {...aria}>
                <option value="">{t("advisors.assign.choose")}</option>
                {data.available.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit" className="button primary">
            {t("advisors.assign")}
          </button>
        </Form>
      )}
    </section>
  );
}
