import { Form, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { CsrfInput } from "~/components/csrf-input";
import { label } from "~/components/rfq/labels";
import { WEIGHT_PARAM_PREFIX } from "~/domain/comparison/compare-params";
import type { ComparisonView } from "~/domain/comparison/comparison-view";
import { METHODS } from "~/domain/scoring";
import { formatNumber } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";

const DEBOUNCE_MS = 400;

/**
 * What-if: one number per criterion and the method, as a GET form (re-ranks on submit without
 * JavaScript; with it, re-submits shortly after each change). Saving the weights into the RFQ is a
 * separate POST, a deliberate buyer decision (`canSave`: advisors may try weights, never save them).
 */
export function WhatIfForm({
  view,
  keep,
  canSave = true,
  fields = { errors: {}, typed: {} },
}: {
  view: ComparisonView;
  keep: [string, string][];
  canSave?: boolean;
  /** Refused weights: the message (reader's language) and what was typed, per criterion key. */
  fields?: { errors: Record<string, string>; typed: Record<string, string> };
}) {
  const { t, locale } = useI18n();
  const submit = useSubmit();
  const navigation = useNavigation();
  const formRef = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  // A pending live re-rank must not fire after another submission (the Re-rank button, a POST such as
  // an advisor's note): its GET would replace that navigation and drop the POST's answer (field errors).
  useEffect(() => {
    if (navigation.state === "submitting") clearTimeout(timer.current);
  }, [navigation.state]);
  const live = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      // Checked by the server, which answers field by field in the reader's language (not the browser's bubble).
      const form = formRef.current;
      if (form) submit(form, { replace: true, preventScrollReset: true });
    }, DEBOUNCE_MS);
  };
  const weightInputs = (withKey: (key: string) => string) =>
    view.rows.map((row) => {
      const error = fields.errors[row.key];
      const errorId = `whatif-error-${row.key}`;
      return (
        <label key={row.key} className="weight-input">
          <span>
            {row.label[locale]} <span className="muted">({label("perspective", row.perspective, locale)})</span>
          </span>
          <input
            type="text"
            name={withKey(row.key)}
            defaultValue={error ? (fields.typed[row.key] ?? "") : row.weight}
            inputMode="decimal"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
          />
          {error ? (
            <span className="field-errors" id={errorId} data-testid="what-if-field-error">
              {error}
            </span>
          ) : row.awaitingRatings ? (
            <span className="muted" data-testid="awaiting-ratings-badge">
              {t("weights.awaiting.badge")}
            </span>
          ) : (
            <span className="muted">{t("compare.share", { pct: formatNumber(row.share * 100, locale, 1) })}</span>
          )}
        </label>
      );
    });
  return (
    <section className="card no-print" aria-labelledby="whatif-heading">
      <h2 id="whatif-heading">{t("compare.whatIf")}</h2>
      <p className="hint">{t("compare.whatIfIntro")}</p>
      <Form
        method="get"
        ref={formRef}
        onChange={live}
        onSubmit={() => clearTimeout(timer.current)}
        preventScrollReset
        data-testid="what-if-form"
        noValidate
        aria-busy={navigation.state === "loading"}
      >
        {keep.map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <div className="weight-grid">{weightInputs((key) => `${WEIGHT_PARAM_PREFIX}${key}`)}</div>
        <label className="weight-input">
          <span>{t("compare.method")}</span>
          <select name="method" defaultValue={view.method}>
            {METHODS.map((m) => (
              <option key={m} value={m}>
                {label("method", m, locale)}
              </option>
            ))}
          </select>
        </label>
        <div className="actions">
          <button type="submit" className="button primary">
            {t("compare.recalculate")}
          </button>
        </div>
      </Form>
      {view.whatIf && canSave ? (
        <Form method="post" className="save-weights">
          <CsrfInput />
          <input type="hidden" name="intent" value="saveWeights" />
          {view.rows.map((row) => (
            <input key={row.key} type="hidden" name={`${WEIGHT_PARAM_PREFIX}${row.key}`} value={row.weight} />
          ))}
          <p className="hint">{t("compare.saveHint")}</p>
          <button type="submit" className="button">
            {t("compare.save")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
