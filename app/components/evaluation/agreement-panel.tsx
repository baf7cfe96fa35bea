import type { AgreementFigures } from "~/domain/evaluation/agreement-figures";
import { formatNumber } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";

// Agreement between an RFQ's evaluators (issue 18 item 4; decision 0047): Krippendorff's alpha, interval (and ordinal
// when every rated criterion is on 1–5), with the pairable values and a plain reading. Until every named evaluator has
// submitted it says only how many have (the blind rule). Null figures (the reader may not see them): nothing.

export function AgreementPanel({ figures }: { figures: AgreementFigures | null }) {
  const { t, locale } = useI18n();
  if (figures === null) return null;
  return (
    <section className="card stack" aria-labelledby="agreement-heading" data-testid="agreement-panel">
      <h2 id="agreement-heading">{t("agreement.title")}</h2>
      {figures.state === "waiting" ? (
        <p data-testid="agreement-waiting">{t("agreement.waiting", { submitted: figures.submitted, evaluators: figures.evaluators })}</p>
      ) : figures.state === "notPairable" ? (
        <p className="muted">{t("agreement.notPairable")}</p>
      ) : (
        <dl>
          {([figures.interval, figures.ordinal] as const).map((a) =>
            a ? (
              <div key={a.level} data-testid={`agreement-${a.level}`}>
                <dt>{t(a.level === "ordinal" ? "agreement.ordinal" : "agreement.interval")}</dt>
                <dd>
                  <strong>α = {a.alpha === null ? "—" : formatNumber(a.alpha, locale, 3)}</strong>{" "}
                  <span className="muted">{t("agreement.pairable", { units: a.units, values: a.pairableValues })}</span>
                  <br />
                  {t(`agreement.reading.${a.reading}`)}
                </dd>
              </div>
            ) : null,
          )}
        </dl>
      )}
    </section>
  );
}
