import { Form } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { Field } from "~/components/field";
import { AWARD_SETTINGS_LIMITS, BUYER_KINDS } from "~/domain/award/answer";
import { useI18n } from "~/utils/use-i18n";

// 受諾期限 and the standstill (issue 15, item 4), on /settings/approvals; posted to /settings/award-settings,
// where a refused value comes back at its field. Members read them; owners change them.

export interface AwardSettingsValues {
  acceptBusinessDays: number | string;
  standstillBusinessDays: number | string;
  buyerKind: string;
}

export function AwardSettingsForm({
  values,
  canManage,
  errors,
}: {
  values: AwardSettingsValues;
  canManage: boolean;
  errors?: Partial<Record<keyof AwardSettingsValues, string[]>>;
}) {
  const { t } = useI18n();
  const { accept, standstill } = AWARD_SETTINGS_LIMITS;
  return (
    <section className="card stack" data-testid="award-settings" aria-labelledby="award-settings-title">
      <h2 id="award-settings-title">{t("awardResult.settings.title")}</h2>
      <p className="hint">{t("awardResult.settings.intro")}</p>
      <Form
        key={`${values.acceptBusinessDays}-${values.standstillBusinessDays}-${values.buyerKind}`}
        method="post"
        action="/settings/award-settings"
        className="stack"
        noValidate
      >
        <CsrfInput />
        <fieldset disabled={!canManage} className="stack" aria-describedby="award-buyer-kind-hint">
          <legend>{t("awardResult.settings.buyerKind")}</legend>
          {BUYER_KINDS.map((kind) => (
            <label key={kind} className="radio">
              <input type="radio" name="buyerKind" value={kind} defaultChecked={values.buyerKind === kind} /> {t(`awardResult.settings.buyerKind.${kind}`)}
            </label>
          ))}
          <p className="hint" id="award-buyer-kind-hint">
            {t("awardResult.settings.buyerKind.hint")}
          </p>
          {errors?.buyerKind?.length ? (
            <p className="field-error" role="alert">
              {errors.buyerKind.join(" ")}
            </p>
          ) : null}
        </fieldset>
        <fieldset disabled={!canManage} className="inline-form">
          <Field id="award-accept-days" label={t("awardResult.settings.accept")} errors={errors?.acceptBusinessDays}>
            {(p) => (
              <input
                {...p}
                name="acceptBusinessDays"
                type="number"
                min={accept.min}
                max={accept.max}
                step={1}
                defaultValue={String(values.acceptBusinessDays)}
              />
            )}
          </Field>
          <Field id="award-standstill-days" label={t("awardResult.settings.standstill")} errors={errors?.standstillBusinessDays}>
            {(p) => (
              <input
                {...p}
                name="standstillBusinessDays"
                type="number"
                min={standstill.min}
                max={standstill.max}
                step={1}
                defaultValue={String(values.standstillBusinessDays)}
              />
            )}
          </Field>
        </fieldset>
        {canManage ? (
          <button type="submit" className="button">
            {t("awardResult.settings.save")}
          </button>
        ) : (
          <p className="muted">{t("awardResult.settings.readOnly")}</p>
        )}
      </Form>
    </section>
  );
}
