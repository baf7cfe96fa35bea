import { useEffect, useRef, useState } from "react";
import { Field } from "~/components/field";
import { BenchmarkHint, type HintCell } from "~/components/insight/benchmark-hint";
import { SAATY_CHOICES, pairField } from "~/domain/rfq/ahp-form";
import { useI18n } from "~/utils/use-i18n";
import { ListErrors, SelectField, TextField, type RfqFields, type RfqForm } from "./shared";

/** AHP judgements with CR above 0.10, sent back unapplied: the CR, the weights they would give, the answers. */
export interface AhpConfirm {
  cr: string;
  weights: { key: string; label: { ja: string; en?: string }; weight: number }[];
  answers: Record<string, string>;
}

export function EvaluationStep({
  form,
  fields,
  savedCriteria,
  ahpConfirm = null,
  benchmarks = null,
}: {
  form: RfqForm;
  fields: RfqFields;
  savedCriteria: { key: string; label: { ja: string; en?: string } }[];
  ahpConfirm?: AhpConfirm | null;
  /** The market benchmark of each KPI key (buyer side only), shown beside its target. */
  benchmarks?: { kpi: Record<string, HintCell> } | null;
}) {
  const { t, locale } = useI18n();
  // "Review the judgements" closes this answer's dialog; the next inconsistent answer opens it again.
  const [dismissed, setDismissed] = useState<AhpConfirm | null>(null);
  const criteria = fields.criteria.getFieldList();
  const hidden = fields.hiddenCosts.getFieldset();
  const name = (c: { label: { ja: string; en?: string } }) => (locale === "en" && c.label.en) || c.label.ja;
  // Rates are typed as percentages (stored as fractions): the inputs of a rate criterion end in "%".
  const pct = (unit: unknown) => (unit === "rate" ? t("rate.percentSuffix") : undefined);
  // The domain reports a gate value out of range at gate.min / gate.max: show it beside the value typed.
  const gateValueErrors = (own: string[] | undefined, all: Record<string, string[] | undefined>, gateName: string) => {
    const nested = Object.entries(all)
      .filter(([name]) => name !== gateName)
      .flatMap(([, errors]) => errors ?? []);
    return own?.length || nested.length ? [...(own ?? []), ...nested] : undefined;
  };
  return (
    <>
      <SelectField field={fields.scoringMethod} label={t("rfq.field.scoringMethod")} table="method" locale={locale} empty={t("rfq.field.none")} />
      <p>
        <button type="submit" name="op" value="suggestCriteria" className="button small">
          {t("rfq.field.suggestCriteria")}
        </button>
      </p>
      <fieldset className="field">
        <legend>{t("rfq.field.criteria")}</legend>
        <p className="hint">{t("rfq.field.criterion.rateHint")}</p>
        <ListErrors field={fields.criteria} />
        {criteria.map((c, index) => {
          const f = c.getFieldset();
          const label = f.label.getFieldset();
          const scale = f.scale.getFieldset();
          return (
            <div key={c.key} className="row-card criterion-row" data-testid="criterion-row">
              <TextField field={f.key} label={t("rfq.field.criterion.key")} />
              <TextField field={label.ja} label={t("rfq.field.criterion.labelJa")} />
              <TextField field={label.en} label={t("rfq.field.criterion.labelEn")} />
              <SelectField field={f.perspective} label={t("rfq.field.criterion.perspective")} table="perspective" locale={locale} />
              <SelectField field={f.direction} label={t("rfq.field.criterion.direction")} table="direction" locale={locale} />
              <TextField field={f.weight} label={t("rfq.field.criterion.weight")} type="number" />
              <SelectField field={f.source} label={t("rfq.field.criterion.source")} table="source" locale={locale} />
              <SelectField field={f.unit} label={t("rfq.field.criterion.unit")} table="unit" locale={locale} />
              <Field id={f.gateKind.id} label={t("rfq.field.criterion.gate")} errors={[...(f.gate.errors ?? []), ...(f.gateKind.errors ?? [])]}>
                {(aria) => (
                  <select name={f.gateKind.name} defaultValue={(f.gateKind.initialValue as string) ?? "none"} {...aria}>
                    {(["none", "min", "max", "required"] as const).map((k) => (
                      <option key={k} value={k}>
                        {t(`rfq.field.criterion.gate.${k}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <TextField
                field={f.gateValue}
                label={t("rfq.field.criterion.gateValue")}
                type="number"
                suffix={pct(f.unit.value)}
                errors={gateValueErrors(f.gateValue.errors, f.gate.allErrors, f.gate.name)}
              />
              <TextField field={scale.worst} label={t("rfq.field.criterion.scaleWorst")} type="number" suffix={pct(f.unit.value)} />
              <TextField field={scale.best} label={t("rfq.field.criterion.scaleBest")} type="number" suffix={pct(f.unit.value)} />
              <TextField field={f.target} label={t("rfq.field.criterion.target")} type="number" suffix={pct(f.unit.value)} />
              <BenchmarkHint cell={benchmarks?.kpi[String(f.key.value ?? "")]} target={typedTarget(f.target.value, f.unit.value)} />
              {f.source.value === "advisor_rating" ? (
                <RatingScaleFields name={f.rating.name} initial={f.rating.initialValue as RatingInitial} errors={f.rating.allErrors} />
              ) : null}
              <button {...form.remove.getButtonProps({ name: fields.criteria.name, index })} className="button small danger">
                {t("rfq.field.remove")}
              </button>
            </div>
          );
        })}
        <button
          {...form.insert.getButtonProps({
            name: fields.criteria.name,
            defaultValue: {
              key: `kpi_${criteria.length + 1}`,
              label: { ja: "" },
              perspective: "internalProcess",
              direction: "benefit",
              weight: 10,
              source: "kpi_commitment",
              unit: "rate",
              gateKind: "none",
            },
          })}
          className="button small"
        >
          {t("rfq.field.add")}
        </button>
      </fieldset>
      <div className="inline-form">
        <TextField field={hidden.managementOverheadPct} label={t("rfq.field.hiddenCosts.overhead")} type="number" />
        <TextField field={hidden.transitionEffortYen} label={t("rfq.field.hiddenCosts.transition")} type="number" />
      </div>
      <TextField field={fields.baselineCostMonthlyYen} label={t("rfq.field.baseline")} type="number" />

      {ahpConfirm && ahpConfirm !== dismissed ? <AhpConfirmDialog confirm={ahpConfirm} onReview={() => setDismissed(ahpConfirm)} /> : null}
      <details className="card ahp" open={Boolean(ahpConfirm)} id="ahp-pairs">
        <summary>{t("rfq.ahp.title")}</summary>
        {savedCriteria.length < 2 ? (
          <p>{t("rfq.ahp.needTwo")}</p>
        ) : (
          <>
            <p className="hint">{t("rfq.ahp.intro")}</p>
            <table className="table">
              <tbody>
                {savedCriteria.flatMap((a, i) =>
                  savedCriteria.slice(i + 1).map((b, k) => {
                    const j = i + 1 + k;
                    return (
                      <tr key={pairField(i, j)}>
                        <td>{name(a)}</td>
                        <td>
                          <label className="visually-hidden" htmlFor={pairField(i, j)}>
                            {name(a)} / {name(b)}
                          </label>
                          <select id={pairField(i, j)} name={pairField(i, j)} defaultValue={ahpConfirm?.answers[pairField(i, j)] ?? "1"}>
                            {SAATY_CHOICES.map((v) => (
                              <option key={v} value={v}>
                                {v}
                              </option>
                            ))}
                          </select>
                        </td>
                        <td>{name(b)}</td>
                      </tr>
                    );
                  }),
                )}
              </tbody>
            </table>
            <button type="submit" name="op" value="ahp" className="button small">
              {t("rfq.ahp.apply")}
            </button>
          </>
        )}
      </details>
    </>
  );
}

/**
 * Asks before applying inconsistent judgements. Rendered open by the server, so without JavaScript it
 * reads as a section of the page whose button is the second submit (with `confirmInconsistent`, the CR
 * it was shown for); with JavaScript it becomes a modal dialog.
 */
function AhpConfirmDialog({ confirm, onReview }: { confirm: AhpConfirm; onReview: () => void }) {
  const { t, locale } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const review = useRef(onReview);
  review.current = onReview;
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || typeof dialog.showModal !== "function") return;
    dialog.close();
    dialog.showModal();
    // Escape closes a modal dialog: that is "review" too.
    const onCancel = () => review.current();
    dialog.addEventListener("cancel", onCancel);
    return () => dialog.removeEventListener("cancel", onCancel);
  }, []);
  return (
    <dialog ref={ref} open className="card ahp-confirm" aria-labelledby="ahp-confirm-title" data-testid="ahp-confirm">
      <h2 id="ahp-confirm-title">{t("weights.ahp.confirm.title")}</h2>
      <p>{t("weights.ahp.confirm.body", { cr: confirm.cr })}</p>
      <p>{t("weights.ahp.confirm.weights")}</p>
      <ul>
        {confirm.weights.map((w) => (
          <li key={w.key}>
            {(locale === "en" && w.label.en) || w.label.ja}: {w.weight}
          </li>
        ))}
      </ul>
      <input type="hidden" name="confirmInconsistent" value={confirm.cr} />
      <div className="actions">
        <button type="submit" name="op" value="ahp" className="button primary">
          {t("weights.ahp.confirm.apply")}
        </button>
        <a
          href="#ahp-pairs"
          className="button"
          onClick={(event) => {
            // A hash navigation would drop the action's answer (and with it the open comparison): stay put.
            event.preventDefault();
            onReview();
            document.getElementById("ahp-pairs")?.scrollIntoView();
          }}
        >
          {t("weights.ahp.confirm.review")}
        </a>
      </div>
    </dialog>
  );
}

type RatingInitial = { levels?: string; anchors?: ({ ja?: string; en?: string } | undefined)[] } | undefined;

/**
 * How evaluators rate an evaluator-rated criterion (issue 18 item 4): 1–5 with a written description of each level
 * (ja, en optional), or 0–100 points. Shown when the criterion's source is "evaluator rating"; the unit follows the
 * choice when the step is saved (form-steps.ts). Errors come back at `…rating.levels` and `…rating.anchors[n].ja`.
 */
function RatingScaleFields({ name, initial, errors }: { name: string; initial: RatingInitial; errors: Record<string, string[] | undefined> }) {
  const { t } = useI18n();
  const id = name.replace(/[^A-Za-z0-9_-]/g, "-");
  const [levels, setLevels] = useState(initial?.levels ?? "");
  return (
    <fieldset className="field rating-scale" data-testid="rating-scale">
      <legend>{t("ratingScale.legend")}</legend>
      <Field id={`${id}-levels`} label={t("ratingScale.legend")} errors={errors[`${name}.levels`]}>
        {(aria) => (
          <select name={`${name}.levels`} value={levels} onChange={(e) => setLevels(e.target.value)} {...aria}>
            <option value="">{t("rfq.field.none")}</option>
            <option value="1-5">{t("ratingScale.levels.1-5")}</option>
            <option value="0-100">{t("ratingScale.levels.0-100")}</option>
          </select>
        )}
      </Field>
      {levels === "1-5"
        ? [0, 1, 2, 3, 4].map((i) => (
            <div key={i} className="inline-form">
              <Field
                id={`${id}-a${i}-ja`}
                label={`${t("ratingScale.anchor", { level: i + 1 })} · ${t("ratingScale.anchor.ja")}`}
                errors={errors[`${name}.anchors[${i}].ja`]}
              >
                {(aria) => <input name={`${name}.anchors[${i}].ja`} defaultValue={initial?.anchors?.[i]?.ja ?? ""} {...aria} />}
              </Field>
              <Field
                id={`${id}-a${i}-en`}
                label={`${t("ratingScale.anchor", { level: i + 1 })} · ${t("ratingScale.anchor.en")}`}
                errors={errors[`${name}.anchors[${i}].en`]}
              >
                {(aria) => <input name={`${name}.anchors[${i}].en`} defaultValue={initial?.anchors?.[i]?.en ?? ""} lang="en" {...aria} />}
              </Field>
            </div>
          ))
        : null}
    </fieldset>
  );
}

/** The target as typed, in the benchmark's unit: a rate is typed as a percentage and benchmarked as a fraction. */
function typedTarget(value: unknown, unit: unknown): number | null {
  if (typeof value !== "string" || value.trim() === "") return null;
  const n = Number(value);
  if (!Number.isFinite(n)) return null;
  return unit === "rate" ? n / 100 : n;
}
