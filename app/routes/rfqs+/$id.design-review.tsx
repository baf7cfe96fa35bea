import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { Field, FormErrors } from "~/components/field";
import { DesignCommentList, type DesignFormFailure } from "~/components/rfq/design-comments";
import { anchorChoices, designCommentFromForm } from "~/domain/evaluation/design-comment-form";
import { SCORING_METHODS, scoringMethodLabels } from "~/domain/rfq/categories";
import { KPI_CATALOG } from "~/domain/rfq/kpi-templates";
import { addDesignComment, applyDesignComment, declineDesignComment, designReviewFor, replyToDesignComment } from "~/services/design-review.server";
import { requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { forbidden, notFound, pageFailure } from "~/utils/errors";
import { getLocale } from "~/utils/locale.server";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";

// /rfqs/:id/design-review — the KPI-design review of a draft (decision 0044). An assigned advisor writes
// comments here (anchor, text, optional suggestion); the buyer resolves them here or from the review step,
// whose forms post here too. After publication the page is read-only. Vendors and other tenants: 404.

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const review = await designReviewFor(context, user.actor, params.id!);
  if (!review) throw notFound();
  const criteria = review.content.criteria ?? [];
  const present = new Set(criteria.map((c) => c.key));
  return {
    rfq: review.rfq,
    side: review.side,
    criteria,
    comments: review.comments,
    open: review.open,
    canComment: review.canComment,
    canResolve: review.canResolve,
    canReply: review.canReply,
    anchors: anchorChoices(criteria).map((a) => ({ value: a.value, field: a.field, criterionKey: a.criterion?.key ?? null })),
    // "Add from the catalog": the KPIs the draft does not have yet.
    catalog: Object.values(KPI_CATALOG)
      .filter((k) => !present.has(k.key))
      .map((k) => ({ key: k.key, label: k.label })),
  };
}

const text = (v: FormDataEntryValue | null) => (typeof v === "string" ? v : undefined);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const formData = await readForm(request, context);
  const user = await requireUser(request, context);
  const locale = await getLocale(request, context);
  const rfqId = params.id!;
  const review = await designReviewFor(context, user.actor, rfqId);
  if (!review) throw notFound();
  const intent = text(formData.get("intent")) ?? "";
  const commentId = text(formData.get("commentId")) ?? "";
  const values = Object.fromEntries([...formData.entries()].map(([k, v]) => [k, text(v)]));
  const result =
    intent === "comment"
      ? await addDesignComment(context, user.actor, rfqId, designCommentFromForm(values, review.content.criteria ?? []))
      : intent === "apply"
        ? await applyDesignComment(context, user.actor, commentId)
        : intent === "decline"
          ? await declineDesignComment(context, user.actor, commentId, { reason: values.reason ?? "" })
          : intent === "reply"
            ? await replyToDesignComment(context, user.actor, commentId, { body: values.body ?? "" })
            : null;
  if (!result) throw notFound();
  if (!result.ok) {
    if (result.status === 404) throw notFound();
    if (result.status === 403) throw forbidden();
    const { formErrors, fieldErrors } = pageFailure(result, locale);
    const failed: DesignFormFailure = { intent, commentId: intent === "comment" ? null : commentId, formErrors, fieldErrors };
    return json({ failed, values: intent === "comment" ? values : null }, { status: result.status });
  }
  const toast = { comment: "designReview.commented", apply: "designReview.applied", decline: "designReview.declined", reply: "designReview.replied" }[
    intent
  ] as "designReview.commented" | "designReview.applied" | "designReview.declined" | "designReview.replied";
  // The buyer goes back to the review step it came from (where it publishes); the advisor stays here.
  const back = review.side === "buyer" && text(formData.get("back")) === "review" ? `/rfqs/${rfqId}/review` : `/rfqs/${rfqId}/design-review`;
  return redirect(back, { headers: { "Set-Cookie": await toastHeader(context, { key: toast }) } });
}

export default function DesignReviewPage() {
  const data = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const failed = done?.failed ?? null;
  const commentFailed = failed?.intent === "comment" ? failed : null;
  const typed = done?.values ?? null;
  const suggestionErrors = commentFailed
    ? Object.entries(commentFailed.fieldErrors)
        .filter(([k]) => k.startsWith("suggestion"))
        .flatMap(([, v]) => v)
    : [];
  const criterionLabel = (key: string | null) => {
    const c = data.criteria.find((x) => x.key === key);
    return c ? c.label[locale] || c.label.ja : t("designReview.anchor.design");
  };
  return (
    <section className="stack">
      <p>
        <Link to={`/rfqs/${data.rfq.id}`}>← {data.rfq.title}</Link>
      </p>
      <h1>{t("designReview.title")}</h1>
      <p>{t(data.side === "advisor" ? "designReview.intro.advisor" : "designReview.intro.buyer")}</p>
      {data.rfq.status !== "draft" ? <p className="notice">{t("designReview.readOnly")}</p> : null}
      <p data-testid="design-unresolved">{t("designReview.unresolved", { count: data.open })}</p>
      <DesignCommentList
        rfqId={data.rfq.id}
        comments={data.comments}
        criteria={data.criteria}
        canResolve={data.canResolve}
        canReply={data.canReply}
        failed={failed}
      />
      {data.canComment ? (
        // Keyed on the number of comments: a sent comment remounts the form empty, so the text and suggestion just
        // sent are not left filled in for a second, duplicate send (a refused send keeps what was typed).
        <Form method="post" className="card stack" data-testid="design-comment-form" key={data.comments.length}>
          <h2>{t("designReview.form.title")}</h2>
          <CsrfInput />
          <input type="hidden" name="intent" value="comment" />
          <FormErrors errors={commentFailed?.formErrors} />
          <Field
            id="anchor"
            label={t("designReview.form.anchor")}
            errors={[...(commentFailed?.fieldErrors.field ?? []), ...(commentFailed?.fieldErrors.criterionKey ?? [])]}
          >
            {(aria) => (
              <select name="anchor" defaultValue={typed?.anchor ?? ""} {...aria}>
                {data.anchors.map((a) => (
                  <option key={a.value} value={a.value}>
                    {criterionLabel(a.criterionKey)} — {t(`designReview.field.${a.field}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="body" label={t("designReview.form.body")} errors={commentFailed?.fieldErrors.body}>
            {(aria) => <textarea name="body" rows={4} defaultValue={typed?.body ?? ""} {...aria} />}
          </Field>
          <fieldset className="stack">
            <legend>{t("designReview.form.suggestionKind")}</legend>
            <Field id="suggestionKind" label={t("designReview.suggestion.title")} errors={suggestionErrors}>
              {(aria) => (
                <select name="suggestionKind" defaultValue={typed?.suggestionKind ?? ""} {...aria}>
                  <option value="">{t("designReview.suggestion.none")}</option>
                  <option value="set_weight">{t("designReview.field.weight")}</option>
                  <option value="set_target">{t("designReview.field.target")}</option>
                  <option value="set_scale">{t("designReview.field.scale")}</option>
                  <option value="set_gate">{t("designReview.field.gate")}</option>
                  <option value="remove_criterion">{t("designReview.suggestion.remove_criterion")}</option>
                  <option value="add_criterion">{t("designReview.form.catalog")}</option>
                  <option value="set_scoring_method">{t("designReview.field.scoring_method")}</option>
                </select>
              )}
            </Field>
            <Field id="value" label={t("designReview.form.value")} hint={t("designReview.form.rateHint")}>
              {(aria) => <input name="value" inputMode="decimal" defaultValue={typed?.value ?? ""} {...aria} />}
            </Field>
            <div className="row">
              <Field id="worst" label={t("designReview.form.worst")}>
                {(aria) => <input name="worst" inputMode="decimal" defaultValue={typed?.worst ?? ""} {...aria} />}
              </Field>
              <Field id="best" label={t("designReview.form.best")}>
                {(aria) => <input name="best" inputMode="decimal" defaultValue={typed?.best ?? ""} {...aria} />}
              </Field>
            </div>
            <Field id="gateKind" label={t("designReview.form.gateKind")}>
              {(aria) => (
                <select name="gateKind" defaultValue={typed?.gateKind ?? ""} {...aria}>
                  <option value="">—</option>
                  <option value="min">{t("designReview.gate.min", { value: "…" })}</option>
                  <option value="max">{t("designReview.gate.max", { value: "…" })}</option>
                  <option value="required">{t("designReview.gate.required")}</option>
                </select>
              )}
            </Field>
            <Field id="catalogKey" label={t("designReview.form.catalog")}>
              {(aria) => (
                <select name="catalogKey" defaultValue={typed?.catalogKey ?? ""} {...aria}>
                  <option value="">—</option>
                  {data.catalog.map((k) => (
                    <option key={k.key} value={k.key}>
                      {k.label[locale] || k.label.ja}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id="scoringMethod" label={t("designReview.field.scoring_method")}>
              {(aria) => (
                <select name="scoringMethod" defaultValue={typed?.scoringMethod ?? ""} {...aria}>
                  <option value="">—</option>
                  {SCORING_METHODS.map((m) => (
                    <option key={m} value={m}>
                      {scoringMethodLabels[m][locale]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </fieldset>
          <button type="submit" className="button primary">
            {t("designReview.form.submit")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
