import { formatMonth } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";
import { ListErrors, TextArea, TextField, type RfqFields, type RfqForm } from "./shared";

export function WorkStep({ form, fields }: { form: RfqForm; fields: RfqFields }) {
  const { t, locale } = useI18n();
  const deliverables = fields.deliverables.getFieldList();
  const volumes = fields.volumes.getFieldset();
  const peak = (volumes.peakMonths.initialValue as string[] | undefined) ?? [];
  return (
    <>
      <fieldset className="field">
        <legend>{t("rfq.field.deliverables")}</legend>
        <ListErrors field={fields.deliverables} />
        {deliverables.map((d, index) => {
          const f = d.getFieldset();
          return (
            <div key={d.key} className="row-card">
              <TextField field={f.title} label={t("rfq.field.deliverable.title")} />
              <TextField field={f.dueDate} label={t("rfq.field.deliverable.dueDate")} type="date" />
              <TextArea field={f.qualityCriteria} label={t("rfq.field.deliverable.qualityCriteria")} rows={2} />
              <button {...form.remove.getButtonProps({ name: fields.deliverables.name, index })} className="button small danger">
                {t("rfq.field.remove")}
              </button>
            </div>
          );
        })}
        <button {...form.insert.getButtonProps({ name: fields.deliverables.name, defaultValue: { title: "" } })} className="button small">
          {t("rfq.field.add")}
        </button>
      </fieldset>
      <TextField field={volumes.perMonth} label={t("rfq.field.volumes.perMonth")} type="number" />
      <fieldset className="field checkbox-grid months">
        <legend>{t("rfq.field.volumes.peakMonths")}</legend>
        {Array.from({ length: 12 }, (_, i) => String(i + 1)).map((m) => (
          <label key={m}>
            <input type="checkbox" name={volumes.peakMonths.name} value={m} defaultChecked={peak.includes(m)} />
            {formatMonth(Number(m), locale)}
          </label>
        ))}
        <ListErrors field={volumes.peakMonths} />
      </fieldset>
      <TextArea field={volumes.notes} label={t("rfq.field.volumes.notes")} rows={2} />
      <TextArea field={fields.judgementCriteria} label={t("rfq.field.judgementCriteria")} />
      <TextArea field={fields.escalationRules} label={t("rfq.field.escalationRules")} rows={3} />
      <TextArea field={fields.changeRequestRule} label={t("rfq.field.changeRequestRule")} rows={3} />
      <TextArea field={fields.reportingCadence} label={t("rfq.field.reportingCadence")} rows={2} />
    </>
  );
}
