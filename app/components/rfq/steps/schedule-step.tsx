import { getInputProps } from "@conform-to/react";
import { Field } from "~/components/field";
import { categoryLabel } from "~/domain/vendor/catalog";
import { useI18n } from "~/utils/use-i18n";
import { ListErrors, TextField, type RfqFields } from "./shared";
import { options } from "../labels";

export type VendorChoice = { id: string; name: string; categories: string[] };

/**
 * `fixedSealed`: null for a draft; once published, the stored (fixed) sealed/open value — shown read-only
 * and sent back in a hidden input so saving the step never asks to change it. The deadline stays editable
 * (it may only move later; the service says so beside the field).
 */
export function ScheduleStep({
  fields,
  vendors,
  category,
  fixedSealed,
}: {
  fields: RfqFields;
  vendors: VendorChoice[];
  category: string;
  fixedSealed: boolean | null;
}) {
  const { t, locale } = useI18n();
  const invited = (fields.invitedVendorIds.initialValue as string[] | undefined) ?? [];
  // Vendors of the RFQ's category first: they are the likely invitees.
  const sorted = [...vendors].sort(
    (a, b) => Number(b.categories.includes(category)) - Number(a.categories.includes(category)) || a.name.localeCompare(b.name, "ja"),
  );
  return (
    <>
      <TextField field={fields.quoteDeadline} label={t("rfq.field.quoteDeadline")} type="datetime-local" />
      {fixedSealed !== null ? (
        <Field id={fields.sealed.id} label={t("rfq.field.sealed")} errors={fields.sealed.errors} hint={t("sealed.field.fixedNote")}>
          {(aria) => (
            <output {...aria} data-testid="sealed-fixed">
              {t(fixedSealed ? "sealed.field.sealedYes" : "sealed.field.sealedNo")}
              {/* The fixed value goes back unchanged, so saving this step never asks to change it. */}
              {fixedSealed ? <input type="hidden" name={fields.sealed.name} value="on" /> : null}
            </output>
          )}
        </Field>
      ) : (
        <Field id={fields.sealed.id} label={t("rfq.field.sealed")} errors={fields.sealed.errors}>
          {(aria) => <input {...getInputProps(fields.sealed, { type: "checkbox" })} {...aria} />}
        </Field>
      )}
      <fieldset className="field">
        <legend>{t("rfq.field.visibility")}</legend>
        {options("visibility", locale).map((o) => (
          <label key={o.value} className="radio">
            <input type="radio" name={fields.visibility.name} value={o.value} defaultChecked={fields.visibility.initialValue === o.value} />
            {o.label}
          </label>
        ))}
        <ListErrors field={fields.visibility} />
      </fieldset>
      <fieldset className="field vendor-picks">
        <legend>{t("rfq.field.invitedVendors")}</legend>
        <ListErrors field={fields.invitedVendorIds} />
        {sorted.map((v) => (
          <label key={v.id} className="vendor-pick">
            <input type="checkbox" name={fields.invitedVendorIds.name} value={v.id} defaultChecked={invited.includes(v.id)} />
            <span>
              {v.name} <span className="muted small">{v.categories.map((c) => categoryLabel(c, locale)).join("・")}</span>
            </span>
          </label>
        ))}
      </fieldset>
    </>
  );
}
