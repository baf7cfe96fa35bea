import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ContractTabs } from "~/components/contracts/contract-tabs";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors } from "~/components/field";
import { RATING_DIMENSIONS, type RatingDimension } from "~/domain/reviews/ratings";
import type { AnyMessageKey } from "~/i18n";
import { contractRatingPage, rateVendor, replyToRating } from "~/services/vendor-ratings.server";
import { requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { notFound, pageFailure } from "~/utils/errors";
import { formatDate } from "~/utils/format";
import { getLocale } from "~/utils/locale.server";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";

// /contracts/:id/rating (tab 取引評価; issue 17 item 6, decision 0042): a buyer member rates the vendor once per
// contract and contract year (after the term's end, or yearly in a long contract); the vendor replies once to each
// rating. Both parties read the contract's ratings here; anyone else: not found.

const WORD: Record<RatingDimension, AnyMessageKey> = {
  quality: "reviews.rating.quality",
  schedule: "reviews.rating.schedule",
  cost: "reviews.rating.cost",
  communication: "reviews.rating.communication",
};

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const page = await contractRatingPage(context, user.actor, params.id ?? "");
  if (!page.ok) throw notFound();
  const { ok: _ok, ...data } = page;
  return data;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const user = await requireUser(request, context);
  const locale = await getLocale(request, context);
  const contractId = params.id ?? "";
  const intent = String(form.get("intent") ?? "");
  const values = Object.fromEntries(
    ["quality", "schedule", "cost", "communication", "wouldHireAgain", "comment", "reply", "ratingId"].map((k) => [k, String(form.get(k) ?? "")]),
  );
  const done =
    intent === "rate"
      ? await rateVendor(context, user.actor, contractId, {
          quality: values.quality,
          schedule: values.schedule,
          cost: values.cost,
          communication: values.communication,
          wouldHireAgain: values.wouldHireAgain,
          comment: values.comment,
        })
      : intent === "reply"
        ? await replyToRating(context, user.actor, contractId, values.ratingId ?? "", { reply: values.reply })
        : null;
  if (done === null || (!done.ok && done.status === 404)) throw notFound();
  if (!done.ok) return json({ intent, values, ...pageFailure(done, locale) }, { status: done.status });
  return redirect(`/contracts/${contractId}/rating`, { headers: { "Set-Cookie": await toastHeader(context, { key: "reviews.saved" }) } });
}

export default function ContractRating() {
  const d = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const errors = (intent: string, field: string) => (answer?.intent === intent ? answer.fieldErrors?.[field] : undefined);
  return (
    <article className="stack" data-testid="contract-rating">
      <ContractTabs contractId={d.contractId} contractHref={d.contractHref} />
      <h1>{t("reviews.rating.title")}</h1>
      <p className="muted">
        {d.title} · {d.vendorName}
      </p>
      <p>{t("reviews.rating.lead")}</p>

      {d.side === "buyer" ? (
        d.canRate ? (
          <Form method="post" className="card stack" data-testid="rating-form">
            <CsrfInput />
            <h2>{t("reviews.rating.year", { year: d.ratingYear ?? 1 })}</h2>
            {answer?.intent === "rate" ? <FormErrors errors={answer.formErrors} /> : null}
            {RATING_DIMENSIONS.map((dim) => (
              <Field key={dim} id={`rating-${dim}`} label={t(WORD[dim])} hint={t("reviews.rating.scale")} errors={errors("rate", dim)}>
                {(aria) => (
                  <select name={dim} defaultValue={answer?.intent === "rate" ? answer.values[dim] : ""} {...aria}>
                    <option value="">—</option>
                    {[5, 4, 3, 2, 1].map((n) => (
                      <option key={n} value={n}>
                        {n}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            ))}
            <Field id="rating-nps" label={t("reviews.rating.wouldHireAgain")} hint={t("reviews.rating.npsScale")} errors={errors("rate", "wouldHireAgain")}>
              {(aria) => (
                <select name="wouldHireAgain" defaultValue={answer?.intent === "rate" ? answer.values.wouldHireAgain : ""} {...aria}>
                  <option value="">—</option>
                  {[10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0].map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id="rating-comment" label={t("reviews.rating.comment")} errors={errors("rate", "comment")}>
              {(aria) => <textarea name="comment" rows={4} defaultValue={answer?.intent === "rate" ? answer.values.comment : ""} {...aria} />}
            </Field>
            <button type="submit" name="intent" value="rate" className="button primary">
              {t("reviews.rating.submit")}
            </button>
          </Form>
        ) : d.ratingYear === null ? (
          <p className="muted">{t("reviews.rating.cannotYet", { date: formatDate(d.termTo, locale) })}</p>
        ) : null
      ) : null}

      <section className="stack" aria-labelledby="ratings">
        <h2 id="ratings">{t("reviews.profile.title")}</h2>
        {d.ratings.length === 0 ? <p className="muted">{t("reviews.rating.none")}</p> : null}
        <ul className="result-list">
          {d.ratings.map((r) => (
            <li key={r.id} className="card stack" data-testid="contract-rating-item">
              <p className="muted small">
                {t("reviews.rating.year", { year: r.ratingYear ?? 1 })} · {formatDate(r.createdAt, locale)} · {t("reviews.rating.verified")}
              </p>
              <p>
                {RATING_DIMENSIONS.map((dim) => `${t(WORD[dim])} ${r[dim]}/5`).join(" · ")} · {t("reviews.rating.wouldHireAgain")} {r.wouldHireAgain}/10
              </p>
              {r.comment ? <p className="prewrap">{r.comment}</p> : null}
              {r.reply ? (
                <blockquote className="prewrap">
                  <strong>{t("reviews.reply")}</strong> {r.reply}
                </blockquote>
              ) : d.side === "vendor" ? (
                <Form method="post" className="stack" data-testid="rating-reply-form">
                  <CsrfInput />
                  <input type="hidden" name="ratingId" value={r.id} />
                  {answer?.intent === "reply" && answer.values.ratingId === r.id ? <FormErrors errors={answer.formErrors} /> : null}
                  <Field id={`reply-${r.id}`} label={t("reviews.reply.label")} errors={answer?.values.ratingId === r.id ? errors("reply", "reply") : undefined}>
                    {(aria) => <textarea name="reply" rows={3} {...aria} />}
                  </Field>
                  <button type="submit" name="intent" value="reply" className="button">
                    {t("reviews.reply.submit")}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
