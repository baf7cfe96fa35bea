import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { RfqView } from "~/components/rfq/rfq-view";
import { StepNav } from "~/components/rfq/step-nav";
import { stepOfField } from "~/domain/rfq/form-steps";
import { checkPublishable, type PublishProblem } from "~/domain/rfq/schema";
import { vendorViewOfContent } from "~/domain/rfq/vendor-view";
import { buyerKindOf, loadRfqForReader, publishRfq } from "~/services/rfqs.server";
import { requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";
import { notFound } from "~/utils/errors";
import { inWords } from "~/i18n/rfq-field-words";
import { DesignCommentList } from "~/components/rfq/design-comments";
import { designReviewFor } from "~/services/design-review.server";

async function requireOwnRfq(request: Request, context: LoaderFunctionArgs["context"], id: string) {
  const user = await requireUser(request, context);
  const found = await loadRfqForReader(context, user.actor, id);
  if (!found || found.as !== "buyer") throw notFound();
  return { user, row: found.row };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, row } = await requireOwnRfq(request, context, params.id!);
  const problems = row.status === "draft" ? inWords(checkPublishable(row.content, context.clock.now()), row.content) : [];
  // The advisors' design comments beside the draft, with how many are still open (decision 0044).
  const design = await designReviewFor(context, user.actor, row.id);
  // A municipality publishing without a 予定価格 is told so (a notice, not a block): public buyers almost always set
  // one (decision 0049, revisited). Only whether it is missing reaches the page, never an amount.
  const noCeiling =
    row.status === "draft" &&
    !(row.content as { publicPriceRules?: { ceilingYen?: number } }).publicPriceRules?.ceilingYen &&
    (await buyerKindOf(context, user.actor)) === "municipality";
  return {
    rfq: { id: row.id, title: row.title, status: row.status },
    noCeiling,
    problems,
    preview: vendorViewOfContent(row.content),
    // The comments need each criterion's name and unit only: the page shows what vendors will see, and the draft's
    // gates and scales (a ceiling price, say) stay out of it.
    design: design
      ? {
          comments: design.comments,
          open: design.open,
          canResolve: design.canResolve,
          canReply: design.canReply,
          criteria: (design.content.criteria ?? []).map(({ key, label, unit }) => ({ key, label, unit })),
        }
      : null,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const formData = await readForm(request, context);
  const { user, row } = await requireOwnRfq(request, context, params.id!);
  // A second submit with `confirmUnresolved=1` publishes although advisors' design comments are open.
  const result = await publishRfq(context, user.actor, row.id, { confirmUnresolved: formData.get("confirmUnresolved") === "1" });
  if (!result.ok) {
    if (result.status === 404) throw notFound();
    if (result.key === "designReview.publish.unresolved")
      return json({ problems: result.problems ?? [], key: result.key, confirmUnresolved: true }, { status: 409 });
    return json({ problems: "problems" in result ? (result.problems ?? []) : [], key: result.key }, { status: result.status });
  }
  return redirect(`/rfqs/${row.id}`, { headers: { "Set-Cookie": await toastHeader(context, { key: "rfq.review.published" }) } });
}

// Publish checks from the loader, or the refusal's field problems from the action (same path + key shape),
// each named in words ("評価基準1「TCO」の目標スケール"), never by its path.
function ProblemList({
  rfqId,
  problems,
}: {
  rfqId: string;
  problems: readonly (Pick<PublishProblem, "path"> & { key: string; words?: { ja: string; en: string } })[];
}) {
  const { t, translateOrPassThrough, locale } = useI18n();
  return (
    <ul className="problems">
      {problems.map((p, i) => {
        const step = stepOfField(p.path[0]);
        return (
          <li key={`${p.key}-${i}`} data-testid="publish-problem">
            {p.words && p.path.length
              ? t("rfqReview.problemAt", { field: p.words[locale], message: translateOrPassThrough(p.key) })
              : translateOrPassThrough(p.key)}{" "}
            {step ? <Link to={`/rfqs/${rfqId}/edit/${step}`}>{t("rfq.review.goToStep")}</Link> : null}
          </li>
        );
      })}
    </ul>
  );
}

export default function RfqReview() {
  const { rfq, problems, preview, design, noCeiling } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const { t } = useI18n();
  const askUnresolved = refused && "confirmUnresolved" in refused;
  const shown = refused?.problems?.length ? refused.problems : problems;
  const errors = shown.filter((p) => p.severity === "error");
  const warnings = shown.filter((p) => p.severity === "warning");
  return (
    <section className="stack">
      <p>
        <Link to={`/rfqs/${rfq.id}`}>← {rfq.title}</Link>
      </p>
      <h1>{t("rfq.review.title")}</h1>
      <StepNav rfqId={rfq.id} />
      {rfq.status === "draft" ? (
        <div className="card">
          {errors.length ? (
            <div className="form-errors" role="alert">
              <p>{t("rfq.review.missing")}</p>
              <ProblemList rfqId={rfq.id} problems={errors} />
            </div>
          ) : (
            <p className="notice">{t("rfq.review.ready")}</p>
          )}
          {warnings.length ? (
            <>
              <p>{t("rfq.review.warnings")}</p>
              <ProblemList rfqId={rfq.id} problems={warnings} />
            </>
          ) : null}
          {noCeiling ? (
            <p className="notice warning" data-testid="no-ceiling-notice">
              {t("rfqReview.noCeiling")} <Link to={`/rfqs/${rfq.id}/edit/lines`}>{t("rfqReview.noCeiling.set")}</Link>
            </p>
          ) : null}
          {askUnresolved && design ? (
            <div className="notice warning" role="alert" data-testid="publish-unresolved">
              <p>{t("designReview.publish.unresolved", { count: design.open })}</p>
            </div>
          ) : null}
          <Form method="post">
            <CsrfInput />
            {askUnresolved ? <input type="hidden" name="confirmUnresolved" value="1" /> : null}
            <button type="submit" className="button primary">
              {askUnresolved ? t("designReview.publish.confirm") : t("rfq.review.publish")}
            </button>
          </Form>
        </div>
      ) : null}
      {design && design.comments.length ? (
        <section className="stack" data-testid="design-review" aria-labelledby="design-review-title">
          <h2 id="design-review-title">{t("designReview.title")}</h2>
          <p data-testid="design-unresolved">
            {t("designReview.unresolved", { count: design.open })} · <Link to={`/rfqs/${rfq.id}/design-review`}>{t("designReview.title")}</Link>
          </p>
          <DesignCommentList
            rfqId={rfq.id}
            comments={design.comments}
            criteria={design.criteria}
            canResolve={design.canResolve}
            canReply={design.canReply}
            back="review"
          />
        </section>
      ) : null}
      <h2>{t("rfq.review.preview")}</h2>
      {preview ? <RfqView rfq={preview} /> : null}
    </section>
  );
}
