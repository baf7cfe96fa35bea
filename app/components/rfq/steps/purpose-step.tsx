import { useI18n } from "~/utils/use-i18n";
import { SelectField, TextArea, TextField, type RfqFields } from "./shared";

export function PurposeStep({ fields }: { fields: RfqFields }) {
  const { t, locale } = useI18n();
  return (
    <>
      <TextField field={fields.title} label={t("rfq.field.title")} />
      <SelectField field={fields.category} label={t("rfq.field.category")} table="category" locale={locale} />
      <SelectField field={fields.phase} label={t("rfq.field.phase")} table="phase" locale={locale} empty={t("rfq.field.none")} />
      <TextArea field={fields.purpose} label={t("rfq.field.purpose")} />
      <TextArea field={fields.goal} label={t("rfq.field.goal")} rows={3} />
      <TextArea field={fields.scopeIn} label={t("rfq.field.scopeIn")} />
      <TextArea field={fields.scopeOut} label={t("rfq.field.scopeOut")} rows={3} />
      <TextArea field={fields.decisionsInHouse} label={t("rfq.field.decisionsInHouse")} rows={3} />
    </>
  );
}
