import { RATING_DIMENSIONS, type RatingDimension } from "~/domain/reviews/ratings";
import type { AnyMessageKey } from "~/i18n";
import type { VendorRatings as Ratings } from "~/services/vendor-ratings.server";
import { formatDate, formatNumber } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";

// The ratings on a vendor's profile (issue 17 item 6; decision 0042): every rating stands on a contract made on
// Kurabe ("verified"), the rater is shown by kind only (自治体 / 企業), the count and the distribution always,
// and averages and the NPS only from 3 ratings on.

const DIMENSION_WORD: Record<RatingDimension, AnyMessageKey> = {
  quality: "reviews.rating.quality",
  schedule: "reviews.rating.schedule",
  cost: "reviews.rating.cost",
  communication: "reviews.rating.communication",
};

type Serialized<T> = T extends Date ? string : T extends object ? { [K in keyof T]: Serialized<T[K]> } : T;

export function VendorRatings({ ratings }: { ratings: Serialized<Ratings> }) {
  const { t, locale } = useI18n();
  const s = ratings.summary;
  return (
    <section className="stack" data-testid="vendor-ratings" aria-labelledby="vendor-ratings-title">
      <h2 id="vendor-ratings-title">{t("reviews.profile.title")}</h2>
      <p>
        <span className="tag">{t("reviews.rating.verified")}</span> {t("reviews.profile.count", { count: s.count })}
      </p>
      {s.count === 0 ? <p className="muted">{t("reviews.rating.none")}</p> : null}
      {s.count > 0 && s.averages === null ? (
        <p className="muted" data-testid="ratings-no-average">
          {t("reviews.profile.belowMinimum")}
        </p>
      ) : null}
      {s.count > 0 ? (
        <>
          <table className="comparison-table" data-testid="ratings-distribution">
            <caption>{t("reviews.rating.scale")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("reviews.kpi")}</th>
                {[1, 2, 3, 4, 5].map((n) => (
                  <th scope="col" key={n}>
                    {t("reviews.profile.score", { score: n })}
                  </th>
                ))}
                {s.averages ? <th scope="col">{t("reviews.profile.averageHeader")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {RATING_DIMENSIONS.map((d) => (
                <tr key={d}>
                  <th scope="row">{t(DIMENSION_WORD[d])}</th>
                  {s.distribution[d].map((n, i) => (
                    <td key={i}>{t("reviews.profile.ratings", { count: n })}</td>
                  ))}
                  {s.averages ? <td data-testid={`average-${d}`}>{formatNumber(s.averages[d], locale, 1)}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
          <dl className="facts" data-testid="ratings-nps">
            <dt>{t("reviews.profile.nps")}</dt>
            <dd>{s.nps.score === null ? "—" : t("reviews.profile.npsScore", { score: s.nps.score })}</dd>
            <dt>{t("reviews.profile.promoters")}</dt>
            <dd>{t("reviews.profile.ratings", { count: s.nps.promoters })}</dd>
            <dt>{t("reviews.profile.passives")}</dt>
            <dd>{t("reviews.profile.ratings", { count: s.nps.passives })}</dd>
            <dt>{t("reviews.profile.detractors")}</dt>
            <dd>{t("reviews.profile.ratings", { count: s.nps.detractors })}</dd>
          </dl>
          <ul className="result-list">
            {ratings.ratings.map((r) => (
              <li key={r.id} className="card stack" data-testid="vendor-rating">
                <p className="muted small">
                  {t("reviews.profile.by", {
                    kind: t(r.buyerKind === "municipality" ? "reviews.rating.buyerKind.municipality" : "reviews.rating.buyerKind.company"),
                    date: formatDate(r.createdAt, locale),
                  })}{" "}
                  · {t("reviews.rating.verified")}
                </p>
                <p>
                  {RATING_DIMENSIONS.map((d) => `${t(DIMENSION_WORD[d])} ${r[d]}/5`).join(" · ")} · {t("reviews.rating.wouldHireAgain")} {r.wouldHireAgain}/10
                </p>
                {r.comment ? <p className="prewrap">{r.comment}</p> : null}
                {r.reply ? (
                  <blockquote className="prewrap">
                    <strong>{t("reviews.reply")}</strong> {r.reply}
                  </blockquote>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
