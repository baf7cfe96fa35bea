import { Form } from "@remix-run/react";
import { useEffect, useId, useRef, useState } from "react";
import { CsrfInput } from "~/components/csrf-input";
import { formatDateTime } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";

// The 稟議 on the proposal page (issue 15 item 3): the route as steps with each seat's state, every decision
// (earlier rounds struck through as void), the decision form for whoever may decide, and the proposer's
// "edit and resubmit". Rejecting or returning asks first: a <dialog> with JavaScript; without it the action
// answers with a confirmation section (see DecisionConfirmation) whose POST carries `confirmed=1`.

type Decision = "approve" | "reject" | "return";

export interface RouteView {
  round: number;
  steps: {
    kind: "sequential" | "parallel";
    required: number;
    state: "done" | "current" | "waiting" | "stopped";
    seats: { id: string; name: string; decision: Decision | null; decidedBy: { id: string; name: string; delegated: boolean } | null }[];
  }[];
  decisions: {
    id: string;
    round: number;
    stepIndex: number;
    approver: { name: string };
    decidedBy: { name: string };
    delegated: boolean;
    decision: Decision;
    comment: string | null;
    void: boolean;
    createdAt: string;
  }[];
}

export interface DecisionFormState {
  fieldErrors?: Record<string, string[]>;
  formErrors?: string[];
  values?: { decision?: string; comment?: string };
}

function Errors({ id, errors }: { id: string; errors?: string[] }) {
  return errors?.length ? (
    <ul className="field-errors" id={id} data-testid={id}>
      {errors.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </ul>
  ) : null;
}

export function ApprovalRoute({ route }: { route: RouteView }) {
  const { t } = useI18n();
  return (
    <section className="stack" data-testid="approval-route">
      <h2>{t("approvals.route.heading", { round: route.round })}</h2>
      <ol className="stack">
        {route.steps.map((s, i) => (
          <li key={i} data-testid={`approval-step-${i}`} data-state={s.state}>
            <strong>{t("approvals.route.step", { index: i + 1 })}</strong> —{" "}
            {s.kind === "sequential"
              ? t("approvalRoutes.step.kind.sequential")
              : `${t("approvalRoutes.step.kind.parallel")} (${s.required} / ${s.seats.length})`}{" "}
            · <span className="badge">{t(`approvals.route.state.${s.state}`)}</span>
            <ul>
              {s.seats.map((seat) => (
                <li key={seat.id}>
                  {seat.name}: {seat.decision ? t(`approvals.seat.${seat.decision}`) : t("approvals.seat.open")}
                  {seat.decidedBy?.delegated ? (
                    <span className="muted"> ({t("approvals.delegatedBy", { actor: seat.decidedBy.name, seat: seat.name })})</span>
                  ) : null}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </section>
  );
}

export function DecisionHistory({ route }: { route: RouteView }) {
  const { t, locale } = useI18n();
  return (
    <section className="stack" data-testid="approval-history">
      <h2>{t("approvals.history.heading")}</h2>
      {route.decisions.length === 0 ? <p className="muted">{t("approvals.history.none")}</p> : null}
      <ol>
        {route.decisions.map((d) => {
          const who = d.delegated ? t("approvals.delegatedBy", { actor: d.decidedBy.name, seat: d.approver.name }) : d.decidedBy.name;
          const body = (
            <>
              {formatDateTime(d.createdAt, locale)} · {t("approvals.route.step", { index: d.stepIndex + 1 })} · {who} ·{" "}
              <strong>{t(`approvals.seat.${d.decision}`)}</strong>
              {d.comment ? <span style={{ whiteSpace: "pre-wrap" }}> — {d.comment}</span> : null}
            </>
          );
          return (
            <li key={d.id} data-testid="approval-decision" data-void={d.void ? "true" : undefined}>
              {d.void ? (
                <>
                  <s>{body}</s> <span className="badge">{t("approvals.history.void")}</span>
                </>
              ) : (
                body
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** The question asked before a rejection or a return, shared by the dialog and the no-JS confirmation. */
function ConfirmText({ decision }: { decision: "reject" | "return" }) {
  const { t } = useI18n();
  return (
    <>
      <h2>{t("approvals.confirm.heading")}</h2>
      <p>{t(`approvals.confirm.${decision}`)}</p>
    </>
  );
}

export function DecisionForm({
  proposalId,
  forSeat,
  state,
}: {
  proposalId: string;
  /** The approver whose seat the user fills as a delegate (代決), or null for their own. */
  forSeat: string | null;
  state?: DecisionFormState;
}) {
  const { t } = useI18n();
  const form = useRef<HTMLFormElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const confirmed = useRef<HTMLInputElement>(null);
  const [asking, setAsking] = useState<"reject" | "return" | null>(null);
  const [hydrated, setHydrated] = useState(false);
  const titleId = useId();
  useEffect(() => setHydrated(true), []);
  const v = state?.values ?? {};
  const errors = state?.fieldErrors ?? {};
  return (
    <section className="card stack" data-testid="decision-form" aria-labelledby={`${titleId}-h`}>
      <h2 id={`${titleId}-h`}>{t("approvals.form.heading")}</h2>
      {forSeat ? <p className="notice">{t("approvals.forSeat", { name: forSeat })}</p> : null}
      {state?.formErrors?.length ? (
        <p className="notice error" role="alert" data-testid="decision-error">
          {state.formErrors.join(" ")}
        </p>
      ) : null}
      <Form
        method="post"
        ref={form}
        className="stack"
        noValidate
        onSubmit={(e) => {
          if (!hydrated) return;
          const chosen = new FormData(e.currentTarget).get("decision");
          if ((chosen === "reject" || chosen === "return") && confirmed.current?.value !== "1") {
            e.preventDefault();
            setAsking(chosen);
            dialog.current?.showModal();
          }
        }}
      >
        <CsrfInput />
        <input type="hidden" name="intent" value="decide" />
        <input type="hidden" name="proposalId" value={proposalId} />
        <input type="hidden" name="confirmed" value="" ref={confirmed} />
        <fieldset>
          <legend>{t("approvals.form.decision")}</legend>
          {(["approve", "reject", "return"] as const).map((d) => (
            <label key={d} className="choice">
              <input type="radio" name="decision" value={d} defaultChecked={(v.decision ?? "approve") === d} /> {t(`approvals.decision.${d}`)}
            </label>
          ))}
          <Errors id="decision-decision-error" errors={errors.decision} />
        </fieldset>
        <label>
          {t("approvals.form.comment")}
          <textarea name="comment" rows={3} maxLength={2000} defaultValue={v.comment ?? ""} aria-invalid={errors.comment ? true : undefined} />
        </label>
        <Errors id="decision-comment-error" errors={errors.comment} />
        <p>
          <button type="submit" data-testid="decision-submit">
            {t("approvals.form.submit")}
          </button>
        </p>
      </Form>
      <dialog ref={dialog} className="card confirm-dialog" aria-labelledby={titleId}>
        <div id={titleId}>{asking ? <ConfirmText decision={asking} /> : null}</div>
        <p className="actions">
          <button
            type="button"
            className="button danger"
            onClick={() => {
              if (confirmed.current) confirmed.current.value = "1";
              dialog.current?.close();
              form.current?.requestSubmit();
            }}
          >
            {t("approvals.confirm.yes")}
          </button>
          <button type="button" className="button" onClick={() => dialog.current?.close()}>
            {t("approvals.confirm.no")}
          </button>
        </p>
      </dialog>
    </section>
  );
}

/** Without JavaScript: the action answers a rejection or return with this question; its POST confirms. */
export function DecisionConfirmation({ proposalId, decision, comment }: { proposalId: string; decision: "reject" | "return"; comment: string }) {
  const { t } = useI18n();
  return (
    <section className="card stack" data-testid="decision-confirm" role="alertdialog">
      <ConfirmText decision={decision} />
      <p style={{ whiteSpace: "pre-wrap" }}>{comment}</p>
      <Form method="post" className="actions">
        <CsrfInput />
        <input type="hidden" name="intent" value="decide" />
        <input type="hidden" name="proposalId" value={proposalId} />
        <input type="hidden" name="decision" value={decision} />
        <input type="hidden" name="comment" value={comment} />
        <input type="hidden" name="confirmed" value="1" />
        <button type="submit" className="button danger">
          {t("approvals.confirm.yes")}
        </button>
      </Form>
    </section>
  );
}

export function EditProposalForm({
  proposalId,
  values,
  state,
}: {
  proposalId: string;
  values: { rationale: string; specificRationale: string | null; debriefReason: string | null };
  state?: { fieldErrors?: Record<string, string[]>; formErrors?: string[]; values?: Record<string, string> };
}) {
  const { t } = useI18n();
  const v = { ...values, ...(state?.values ?? {}) };
  const errors = state?.fieldErrors ?? {};
  return (
    <section className="card stack" data-testid="edit-proposal">
      <h2>{t("approvals.edit.heading")}</h2>
      <p className="hint">{t("approvals.edit.intro")}</p>
      {state?.formErrors?.length ? (
        <p className="notice error" role="alert">
          {state.formErrors.join(" ")}
        </p>
      ) : null}
      <Form method="post" className="stack" noValidate>
        <CsrfInput />
        <input type="hidden" name="intent" value="edit" />
        <input type="hidden" name="proposalId" value={proposalId} />
        <label>
          {t("awardProposal.rationale")}
          <textarea name="rationale" rows={4} maxLength={4000} defaultValue={v.rationale ?? ""} />
        </label>
        <Errors id="edit-rationale-error" errors={errors.rationale} />
        <label>
          {t("awardProposal.specificRationale")}
          <textarea name="specificRationale" rows={3} maxLength={4000} defaultValue={v.specificRationale ?? ""} />
        </label>
        <Errors id="edit-specificRationale-error" errors={errors.specificRationale} />
        <label>
          {t("awardProposal.debriefReason")}
          <textarea name="debriefReason" rows={3} maxLength={2000} defaultValue={v.debriefReason ?? ""} />
        </label>
        <p className="hint">{t("awardProposal.debriefReason.hint")}</p>
        <Errors id="edit-debriefReason-error" errors={errors.debriefReason} />
        <p>
          <button type="submit">{t("approvals.edit.submit")}</button>
        </p>
      </Form>
    </section>
  );
}
