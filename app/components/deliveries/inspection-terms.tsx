import { Form } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { Field, FormErrors } from "~/components/field";
import { INSPECTION_DAYS_MAX } from "~/domain/deliveries/deliveries";
import { useI18n } from "~/utils/use-i18n";

// The contract's inspection terms (decision 0039) on the buyer's contract page: the window in days used when a
// milestone sets none, and the deemed-acceptance clause (みなし検収). Editable while the contract is a draft (the
// form posts intent=inspectionTerms to the contract page), shown as text once concluded.

export interface InspectionTermsData {
  inspectionDays: number;
  deemedAcceptance: boolean;
}

export function InspectionTerms({
  terms,
  editable,
  answer,
}: {
  terms: InspectionTermsData;
  editable: boolean;
  answer?: { values: { inspectionDays: string; deemedAcceptance: boolean }; formErrors: string[]; fieldErrors: Record<string, string[]> } | null;
}) {
  const { t } = useI18n();
  return (
    <section className="card stack" data-testid="inspection-terms">
      <h2>{t("deliveries.terms.title")}</h2>
      {editable ? (
        <Form method="post" className="stack">
          <CsrfInput />
          <FormErrors errors={answer?.formErrors} />
          <Field id="inspectionDays" label={t("deliveries.terms.daysLabel")} hint={t("deliveries.terms.daysHint")} errors={answer?.fieldErrors?.inspectionDays}>
            {(aria) => (
              <input
                type="number"
                name="inspectionDays"
                min={1}
                max={INSPECTION_DAYS_MAX}
                step={1}
                defaultValue={answer?.values.inspectionDays ?? String(terms.inspectionDays)}
                {...aria}
              />
            )}
          </Field>
          <label>
            <input type="checkbox" name="deemedAcceptance" value="yes" defaultChecked={answer ? answer.values.deemedAcceptance : terms.deemedAcceptance} />{" "}
            {t("deliveries.terms.deemedLabel")}
          </label>
          <p>
            <button type="submit" name="intent" value="inspectionTerms" className="button">
              {t("deliveries.terms.save")}
            </button>
          </p>
        </Form>
      ) : (
        <>
          <p>{t("deliveries.terms.summary", { days: terms.inspectionDays })}</p>
          <p>{t(terms.deemedAcceptance ? "deliveries.terms.deemedOn" : "deliveries.terms.deemedOff")}</p>
        </>
      )}
    </section>
  );
}
