import { Form, Link } from "@remix-run/react";
import type { SerializeFrom } from "@remix-run/node";
import type { bafoPanel } from "~/services/bafo.server";
import { formatDateTime } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";
import { CsrfInput } from "~/components/csrf-input";

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

export function BafoSection({ rfqId, panel, errors }: { rfqId: string; panel: BafoPanel; errors?: BafoErrors }) {
  const { t, locale } = useI18n();
  const action = `/rfqs/${rfqId}/bafo`;
  const round = panel.round;
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
      {panel.offers.length > 0 ? (
        <table className="table" data-testid="bafo-offers">
          <thead>
            <tr>
              <th>{t("bafo.shortlist.legend")}</th>
              <th>{t("bafo.ranked.label")}</th>
            </tr>
          </thead>
          <tbody>
            {panel.offers.map((o) => (
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
              {panel.offers.map((o) => (
                <label key={o.id} className="checkbox">
                  <input type="checkbox" name="quoteIds" value={o.id} defaultChecked={o.shortlisted} /> {o.vendorName}
                </label>
              ))}
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
