import { useI18n } from "~/utils/use-i18n";
import { ListErrors, SelectField, TextField, type RfqFields, type RfqForm } from "./shared";

export function RequirementsStep({ form, fields }: { form: RfqForm; fields: RfqFields }) {
  const { t, locale } = useI18n();
  const certs = fields.requiredCertifications.getFieldList();
  return (
    <>
      <SelectField field={fields.dataSensitivity} label={t("rfq.field.dataSensitivity")} table="sensitivity" locale={locale} empty={t("rfq.field.none")} />
      <p>
        <button type="submit" name="op" value="suggestCerts" className="button small">
          {t("rfq.field.suggestCerts")}
        </button>
      </p>
      <fieldset className="field">
        <legend>{t("rfq.field.requiredCertifications")}</legend>
        <ListErrors field={fields.requiredCertifications} />
        {certs.map((c, index) => {
          const f = c.getFieldset();
          return (
            <div key={c.key} className="row-card" data-testid="cert-row">
              <SelectField field={f.type} label={t("rfq.field.cert.type")} table="certification" locale={locale} />
              <SelectField field={f.level} label={t("rfq.field.cert.level")} table="level" locale={locale} />
              <TextField field={f.reason} label={t("rfq.field.cert.reason")} hint={t("rfqReview.cert.reasonHint")} />
              <button {...form.remove.getButtonProps({ name: fields.requiredCertifications.name, index })} className="button small danger">
                {t("rfq.field.remove")}
              </button>
            </div>
          );
        })}
        <button
          {...form.insert.getButtonProps({ name: fields.requiredCertifications.name, defaultValue: { type: "isms_iso27001", level: "preferred" } })}
          className="button small"
        >
          {t("rfq.field.add")}
        </button>
      </fieldset>
    </>
  );
}
