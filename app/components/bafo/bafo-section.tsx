import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { SerializeFrom } from "@remix-run/node";
import type { bafoPanel } from "~/services/bafo.server";
import { formatDateTime } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";
import { CsrfInput } from "~/components/csrf-input";
import { focusSection } from "~/domain/comparison/section-focus";

// The buyer's "ショートリスト／BAFO" section (issue 15 item 1): the shortlist, opening the one round with its
// deadline, extending (later only) or cancelling it, and which version each offer is ranked on. Shown on
// the comparison page and on /rfqs/:id/bafo, where its forms post (and show field errors).

export type BafoPanel = SerializeFrom<NonNullable<Awaited<ReturnType<typeof bafoPanel>>>>;
export interface BafoErrors {
  intent?: string;
  formErrors?: string[];
  fieldErrors?: Record<string, string[]>;
}

function FieldError({ errors, name }: { errors?: BafoErrors; name: string }) {
  const list = errors?.fieldErrors?.[name];
  return list && list.length > 0 ? (
    <p className="field-error" role="alert" id={`bafo-${name}-error`} data-testid={`bafo-error-${name}`}>
      {list.join(" ")}
    </p>
  ) : null;
}

export function BafoSection({
  rfqId,
  panel,
  errors,
  focus = null,
}: {
  rfqId: string;
  panel: BafoPanel;
  errors?: BafoErrors;
  /**
   * The quotes the buyer is comparing (the comparison page's columns and compare list), offers given in rank order.
   * Past a dozen offers the section shows those and the shortlisted ones; every other offer stays choosable in a closed
   * <details> inside the same form (decision 0058). Without it (the BAFO page) every offer is shown as before.
   */
  focus?: readonly string[] | null;
}) {
  const { t, locale } = useI18n();
  const action = `/rfqs/${rfqId}/bafo`;
  const round = panel.round;
  // A shortlisted offer or one ranked on its BAFO is never folded: what is folded is, by construction, outside the
  // shortlist and ranked on its first offer, which one sentence says instead of a table row each.
  const keep = focus ? new Set([...focus, ...panel.offers.filter((o) => o.shortlisted || o.rankedRound === "bafo").map((o) => o.id)]) : null;
  const { shown, folded } = focusSection(panel.offers, keep);
  const others = (children: ReactNode) =>
    folded.length > 0 ? (
      <details className="section-others" data-testid="bafo-others">
        <summary>{t("compareSections.showOthers", { count: folded.length, total: panel.offers.length })}</summary>
        {children}
      </details>
    ) : null;
  return (
    <section className="card no-print" aria-labelledby="bafo-heading" data-testid="bafo-section">
      <h2 id="bafo-heading">{t("bafo.title")}</h2>
      <p className="hint">{t("bafo.intro")}</p>
      {errors?.formErrors?.length ? (
        <p className="notice error" role="alert" data-testid="bafo-form-error">
          {errors.formErrors.join(" ")}
        </p>
      ) : null}
      {round ? (
        <p className="notice" data-testid="bafo-round">
          {round.phase === "accepting"
            ? t("bafo.round.accepting", { deadline: formatDateTime(round.deadline, locale), submitted: round.submitted, invited: round.invited })
            : t("bafo.round.closedSummary", { deadline: formatDateTime(round.deadline, locale) })}
        </p>
      ) : null}
      {folded.length > 0 ? (
        <p className="hint" data-testid="bafo-focus-hint">
          {t("compareSections.bafo.focusHint")}
        </p>
      ) : null}
      {shown.length > 0 ? (
        <table className="table" data-testid="bafo-offers">
          <thead>
            <tr>
              <th>{t("bafo.shortlist.legend")}</th>
              <th>{t("bafo.ranked.label")}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((o) => (
              <tr key={o.id}>
                <td>
                  {o.vendorName} {o.shortlisted ? <span className="status status-shortlisted">{t("bafo.status.shortlisted")}</span> : null}
                </td>
                <td data-testid="bafo-ranked-round">{t(o.rankedRound === "bafo" ? "bafo.ranked.bafo" : "bafo.ranked.first")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {folded.length > 0 ? <p className="muted">{t("compareSections.bafo.othersFirst", { count: folded.length })}</p> : null}
      {/* With a round under way there is no form: the other offers' names only, so the section stays complete. */}
      {round || panel.refusal
        ? others(
            <ul className="section-others-list">
              {folded.map((o) => (
                <li key={o.id}>{o.vendorName}</li>
              ))}
            </ul>,
          )
        : null}
      {panel.refusal && !round ? (
        <p className="muted" data-testid="bafo-refusal">
          {t(panel.refusal)}
        </p>
      ) : null}
      {!panel.refusal && !round ? (
        <>
          <Form method="post" action={action} className="stack">
            <CsrfInput />
            <input type="hidden" name="intent" value="shortlist" />
            <fieldset>
              <legend>{t("bafo.shortlist.legend")}</legend>
              {shown.map((o) => (
                <label key={o.id} className="checkbox">
                  <input type="checkbox" name="quoteIds" value={o.id} defaultChecked={o.shortlisted} /> {o.vendorName}
                </label>
              ))}
              {/* Inside the same form: a box ticked here is posted with the others even while the <details> is closed. */}
              {others(
                folded.map((o) => (
                  <label key={o.id} className="checkbox">
                    <input type="checkbox" name="quoteIds" value={o.id} defaultChecked={o.shortlisted} /> {o.vendorName}
                  </label>
                )),
              )}
              <FieldError errors={errors} name="quoteIds" />
            </fieldset>
            <button type="submit">{t("bafo.shortlist.save")}</button>
          </Form>
          <Form method="post" action={action} className="stack">
            <CsrfInput />
            <input type="hidden" name="intent" value="open" />
            <label>
              {t("bafo.deadline")}
              <input
                type="datetime-local"
                name="deadline"
                required
                aria-invalid={errors?.fieldErrors?.deadline ? true : undefined}
                aria-describedby={errors?.fieldErrors?.deadline ? "bafo-deadline-error" : undefined}
              />
            </label>
            <FieldError errors={errors} name="deadline" />
            <FieldError errors={errors} name="shortlist" />
            <button type="submit">{t("bafo.round.open")}</button>
          </Form>
        </>
      ) : null}
      {round && round.phase === "accepting" ? (
        <>
          <Form method="post" action={action} className="stack">
            <CsrfInput />
            <input type="hidden" name="intent" value="extend" />
            <input type="hidden" name="roundId" value={round.id} />
            <label>
              {t("bafo.deadline")}
              <input type="datetime-local" name="deadline" required aria-invalid={errors?.fieldErrors?.deadline ? true : undefined} />
            </label>
            <FieldError errors={errors} name="deadline" />
            <button type="submit">{t("bafo.round.extend")}</button>
          </Form>
          <Form method="post" action={action}>
            <CsrfInput />
            <input type="hidden" name="intent" value="cancel" />
            <input type="hidden" name="roundId" value={round.id} />
            <p className="hint">{t("bafo.round.cancelConfirm")}</p>
            <label className="checkbox">
              <input type="checkbox" name="confirm" value="yes" required /> {t("bafo.round.cancel")}
            </label>
            <button type="submit" className="danger">
              {t("bafo.round.cancel")}
            </button>
          </Form>
        </>
      ) : null}
      <p className="hint">
        <Link to={action}>{t("bafo.title")}</Link>
      </p>
    </section>
  );
}
