import { getInputProps } from "@conform-to/react";
import { Field } from "~/components/field";
import { BenchmarkHint, type HintCell } from "~/components/insight/benchmark-hint";
import { unitPriceKey } from "~/domain/insight/benchmarks";
import { useI18n } from "~/utils/use-i18n";
import { ListErrors, SelectField, TextField, type RfqFields, type RfqForm } from "./shared";

/**
 * The lines step's "予定価格を設定しない" box (decision 0049, revisited): ticked, the action drops every price-rule
 * input and removes `publicPriceRules` from the draft or working copy (the decoder alone drops blank fields, so
 * emptying the inputs could never clear a price that was set).
 */
export const CLEAR_PRICE_RULES = "clearPublicPriceRules";

export function LinesStep({
  form,
  fields,
  municipality = false,
  benchmarks = null,
}: {
  form: RfqForm;
  fields: RfqFields;
  municipality?: boolean;
  /** The market's unit prices by "<unit>|<recurrence>" (buyer side only), shown beside each line's unit. */
  benchmarks?: { unitPrice: Record<string, HintCell> } | null;
}) {
  const { t, locale } = useI18n();
  const lines = fields.lineItems.getFieldList();
  const budget = fields.budget.getFieldset();
  return (
    <>
      <fieldset className="field">
        <legend>{t("rfq.field.lineItems")}</legend>
        <ListErrors field={fields.lineItems} />
        {lines.map((line, index) => {
          const f = line.getFieldset();
          return (
            // A form posted without JavaScript comes back without conform's list keys: fall back to the row's place.
            <div key={line.key ?? `line-${index}`} className="row-card line-row" data-testid="line-row">
              <TextField field={f.code} label={t("rfq.field.line.code")} />
              <TextField field={f.description} label={t("rfq.field.line.description")} />
              <TextField field={f.unit} label={t("rfq.field.line.unit")} />
              <TextField field={f.quantity} label={t("rfq.field.line.quantity")} type="number" />
              <SelectField field={f.recurrence} label={t("rfq.field.line.recurrence")} table="recurrence" locale={locale} empty={t("rfq.field.none")} />
              <TextField field={f.occurrences} label={t("recurrence.field.occurrences")} type="number" />
              <BenchmarkHint cell={benchmarks?.unitPrice[unitPriceKey(String(f.unit.value ?? ""), String(f.recurrence.value ?? ""))]} />
              <button {...form.remove.getButtonProps({ name: fields.lineItems.name, index })} className="button small danger">
                {t("rfq.field.remove")}
              </button>
            </div>
          );
        })}
        <button
          {...form.insert.getButtonProps({
            name: fields.lineItems.name,
            defaultValue: { code: `L${lines.length + 1}`, recurrence: "monthly", quantity: 1 },
          })}
          className="button small"
        >
          {t("rfq.field.add")}
        </button>
      </fieldset>
      <TextField field={fields.contractTermMonths} label={t("rfq.field.contractTermMonths")} type="number" />
      <fieldset className="field">
        <legend>{t("rfq.field.budget")}</legend>
        <div className="inline-form">
          <TextField field={budget.min} label={t("rfq.field.budget.min")} type="number" />
          <TextField field={budget.max} label={t("rfq.field.budget.max")} type="number" />
        </div>
        <Field id={budget.showToVendors.id} label={t("rfq.field.budget.show")} errors={budget.showToVendors.errors}>
          {(aria) => <input {...getInputProps(budget.showToVendors, { type: "checkbox" })} {...aria} />}
        </Field>
      </fieldset>
      {municipality ? <PriceRulesFields fields={fields} /> : null}
    </>
  );
}

/** A municipality's 予定価格 and its floor (decision 0049): confidential, never in anything a vendor reads. */
function PriceRulesFields({ fields }: { fields: RfqFields }) {
  const { t } = useI18n();
  const rules = fields.publicPriceRules.getFieldset();
  const floor = rules.floor.getFieldset();
  const taxBasis = (field: typeof rules.ceilingTaxBasis, label: string) => (
    <Field id={field.id} label={label} errors={field.errors}>
      {(aria) => (
        <select name={field.name} defaultValue={(field.initialValue as string) ?? "excluded"} {...aria}>
          <option value="excluded">{t("priceRules.form.taxBasis.excluded")}</option>
          <option value="included">{t("priceRules.form.taxBasis.included")}</option>
        </select>
      )}
    </Field>
  );
  return (
    <fieldset className="field" data-testid="price-rules">
      <legend>{t("priceRules.form.legend")}</legend>
      <p className="hint">{t("priceRules.form.hint")}</p>
      <div className="inline-form">
        <TextField field={rules.ceilingYen} label={t("priceRules.form.ceilingYen")} type="number" />
        {taxBasis(rules.ceilingTaxBasis, t("priceRules.form.ceilingTaxBasis"))}
      </div>
      <Field id={floor.kind.id} label={t("priceRules.form.floorKind")} errors={floor.kind.errors}>
        {(aria) => (
          <select name={floor.kind.name} defaultValue={(floor.kind.initialValue as string) ?? "none"} {...aria}>
            <option value="none">{t("priceRules.form.floorKind.none")}</option>
            <option value="minimum">{t("priceRules.form.floorKind.minimum")}</option>
            <option value="investigation">{t("priceRules.form.floorKind.investigation")}</option>
          </select>
        )}
      </Field>
      <div className="inline-form">
        <TextField field={floor.yen} label={t("priceRules.form.floorYen")} type="number" />
        {taxBasis(floor.taxBasis, t("priceRules.form.floorTaxBasis"))}
      </div>
      {rules.ceilingYen.initialValue !== undefined && rules.ceilingYen.initialValue !== "" ? (
        <Field id="clear-price-rules" label={t("priceRules.form.clear")} hint={t("priceRules.form.clearHint")}>
          {(aria) => <input type="checkbox" name={CLEAR_PRICE_RULES} value="on" data-testid="clear-price-rules" {...aria} />}
        </Field>
      ) : null}
    </fieldset>
  );
}
