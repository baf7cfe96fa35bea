import { Form } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { Field } from "~/components/field";
import { useI18n } from "~/utils/use-i18n";

// The 稟議 threshold of change requests (decision 0041), on /settings/approvals; posted to
// /settings/change-threshold, where a refused value comes back at its field. Members read it; whoever manages the
// approval routes changes it.
export function ChangeThresholdForm({ value, canManage, errors }: { value: number | string; canManage: boolean; errors?: string[] }) {
  const { t } = useI18n();
  return (
    <section className="card stack" data-testid="change-threshold" aria-labelledby="change-threshold-title">
      <h2 id="change-threshold-title">{t("changes.threshold.heading")}</h2>
      <Form key={String(value)} method="post" action="/settings/change-threshold" className="stack" noValidate>
        <CsrfInput />
        <Field id="thresholdYen" label={t("changes.threshold.label")} errors={errors}>
          {(aria) => <input name="thresholdYen" inputMode="numeric" defaultValue={String(value)} disabled={!canManage} {...aria} />}
        </Field>
        {canManage ? (
          <button type="submit" className="button primary">
            {t("common.save")}
          </button>
        ) : null}
      </Form>
    </section>
  );
}
