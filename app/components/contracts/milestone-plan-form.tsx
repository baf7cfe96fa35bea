import { Form } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { FormErrors } from "~/components/field";
import type { MilestonePlanInput } from "~/domain/contracts/milestone-plan";
import { useI18n } from "~/utils/use-i18n";

// The draft contract's milestone plan: one row per milestone (name, amount or %, completion/receipt date,
// what acceptance means, the day counts of the buyer's legal rules), rows added and removed with buttons
// that post back without saving (works without JavaScript), field errors under each cell in ja/en.

export interface MilestoneFormState {
  values: MilestonePlanInput;
  formErrors?: string[];
  fieldErrors?: Record<string, string[]>;
}

function CellErrors({ name, errors }: { name: string; errors?: Record<string, string[]> }) {
  const list = errors?.[name];
  if (!list?.length) return null;
  const id = `${name.replace(/[[\].]/g, "-")}-error`;
  return (
    <ul className="field-errors" id={id} role="alert" data-testid={`error-${name}`}>
      {list.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </ul>
  );
}

export function MilestonePlanForm({ state, buyerKind }: { state: MilestoneFormState; buyerKind: "company" | "municipality" }) {
  const { t } = useI18n();
  const { values, fieldErrors } = state;
  const basis = values.basis ?? "percent";
  const str = (v: unknown) => (v === null || v === undefined ? "" : String(v));
  const rows = values.milestones ?? [];
  return (
    <Form method="post" className="stack card" data-testid="milestone-form">
      <CsrfInput />
      <FormErrors errors={state.formErrors} />
      <CellErrors name="milestones" errors={fieldErrors} />
      <fieldset>
        <legend>{t("contracts.field.basis")}</legend>
        <label>
          <input type="radio" name="basis" value="percent" defaultChecked={basis === "percent"} /> {t("contracts.basis.percent")}
        </label>{" "}
        <label>
          <input type="radio" name="basis" value="amount" defaultChecked={basis === "amount"} /> {t("contracts.basis.amount")}
        </label>
      </fieldset>
      <table>
        <thead>
          <tr>
            <th>{t("contracts.field.name")}</th>
            <th>{t("contracts.field.amount")}</th>
            <th>{t("contracts.field.percent")}</th>
            <th>{t("contracts.field.dueDate")}</th>
            <th>{t("contracts.field.acceptance")}</th>
            {buyerKind === "municipality" ? <th>{t("contracts.field.inspectionDays")}</th> : null}
            <th>{t(buyerKind === "municipality" ? "contracts.field.paymentDueDaysMunicipality" : "contracts.field.paymentDueDaysCompany")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((m, i) => {
            const n = (f: string) => `milestones[${i}].${f}`;
            const cell = (f: string, input: JSX.Element) => (
              <td>
                {input}
                <CellErrors name={n(f)} errors={fieldErrors} />
              </td>
            );
            const invalid = (f: string) => (fieldErrors?.[n(f)]?.length ? true : undefined);
            return (
              <tr key={i}>
                {cell("name", <input name={n("name")} defaultValue={str(m.name)} aria-label={t("contracts.field.name")} aria-invalid={invalid("name")} />)}
                {cell(
                  "amountYen",
                  <input
                    name={n("amountYen")}
                    inputMode="numeric"
                    defaultValue={str(m.amountYen)}
                    aria-label={t("contracts.field.amount")}
                    aria-invalid={invalid("amountYen")}
                  />,
                )}
                {cell(
                  "percent",
                  <input
                    name={n("percent")}
                    inputMode="decimal"
                    defaultValue={str(m.percent)}
                    aria-label={t("contracts.field.percent")}
                    aria-invalid={invalid("percent")}
                  />,
                )}
                {cell(
                  "dueDate",
                  <input
                    type="date"
                    name={n("dueDate")}
                    defaultValue={str(m.dueDate)}
                    aria-label={t("contracts.field.dueDate")}
                    aria-invalid={invalid("dueDate")}
                  />,
                )}
                {cell(
                  "acceptance",
                  <textarea
                    name={n("acceptance")}
                    defaultValue={str(m.acceptance)}
                    rows={2}
                    aria-label={t("contracts.field.acceptance")}
                    aria-invalid={invalid("acceptance")}
                  />,
                )}
                {buyerKind === "municipality"
                  ? cell(
                      "inspectionDays",
                      <input
                        name={n("inspectionDays")}
                        inputMode="numeric"
                        defaultValue={str(m.inspectionDays)}
                        aria-label={t("contracts.field.inspectionDays")}
                        aria-invalid={invalid("inspectionDays")}
                      />,
                    )
                  : null}
                {cell(
                  "paymentDueDays",
                  <input
                    name={n("paymentDueDays")}
                    inputMode="numeric"
                    defaultValue={str(m.paymentDueDays)}
                    aria-label={t("contracts.field.paymentDueDaysCompany")}
                    aria-invalid={invalid("paymentDueDays")}
                  />,
                )}
                <td>
                  <button type="submit" name="intent" value={`remove-${i}`} className="button secondary">
                    {t("contracts.milestone.remove")}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p>
        <button type="submit" name="intent" value="add" className="button secondary">
          {t("contracts.milestone.add")}
        </button>
      </p>
      {buyerKind === "company" ? (
        <fieldset>
          <label>
            <input type="checkbox" name="outsideScope" defaultChecked={!!values.outsideScope} /> {t("contracts.field.outsideScope")}
          </label>
          <label htmlFor="outsideScopeReason">{t("contracts.field.outsideScopeReason")}</label>
          <textarea id="outsideScopeReason" name="outsideScopeReason" defaultValue={values.outsideScope?.reason ?? ""} rows={2} />
          <CellErrors name="outsideScope.reason" errors={fieldErrors} />
        </fieldset>
      ) : (
        <CellErrors name="outsideScope" errors={fieldErrors} />
      )}
      <p>
        <button type="submit" name="intent" value="save" className="button primary">
          {t("contracts.save")}
        </button>
      </p>
    </Form>
  );
}
