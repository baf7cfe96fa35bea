import { Form } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { useI18n } from "~/utils/use-i18n";

// 代決（不在時の委任）on /settings/approvals: the current and future delegations, revoke, and the form to
// record one (an approver for their own seat; an owner for any approver). Posts to
// /settings/approvals/delegations, which shows refusals field by field.

export interface DelegationsData {
  delegations: { id: string; from: { id: string; name: string }; to: { id: string; name: string }; startsOn: string; endsOn: string; reason: string }[];
  canManageAll: boolean;
  members: { id: string; name: string; isApprover: boolean }[];
  userId: string;
  today: string;
}

export interface DelegationFormState {
  fieldErrors?: Record<string, string[]>;
  formErrors?: string[];
  values?: Record<string, string>;
}

function Errors({ name, errors }: { name: string; errors?: Record<string, string[]> }) {
  const list = errors?.[name];
  return list?.length ? (
    <ul className="field-errors" data-testid={`delegation-${name}-error`}>
      {list.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </ul>
  ) : null;
}

export function DelegationsSection({ data, state }: { data: DelegationsData; state?: DelegationFormState }) {
  const { t } = useI18n();
  const me = data.members.find((m) => m.id === data.userId);
  const seats = data.canManageAll ? data.members.filter((m) => m.isApprover) : me?.isApprover ? [me] : [];
  const v = state?.values ?? {};
  const errors = state?.fieldErrors;
  return (
    <section className="card stack" data-testid="delegations" aria-labelledby="delegations-heading">
      <h2 id="delegations-heading">{t("approvals.delegation.heading")}</h2>
      <p className="hint">{t("approvals.delegation.intro")}</p>
      {data.delegations.length === 0 ? <p className="muted">{t("approvals.delegation.none")}</p> : null}
      <ul className="stack">
        {data.delegations.map((d) => (
          <li key={d.id} data-testid="delegation">
            {t("approvals.delegatedBy", { actor: d.to.name, seat: d.from.name })} · {t("approvals.delegation.period", { from: d.startsOn, to: d.endsOn })}
            {d.reason ? ` · ${d.reason}` : ""}
            {data.canManageAll || d.from.id === data.userId || d.to.id === data.userId ? (
              <Form method="post" action="/settings/approvals/delegations" className="inline-form">
                <CsrfInput />
                <input type="hidden" name="intent" value="revoke" />
                <input type="hidden" name="id" value={d.id} />
                <button type="submit" className="button small danger">
                  {t("approvals.delegation.revoke")}
                </button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
      {state?.formErrors?.length ? (
        <p className="notice error" role="alert">
          {state.formErrors.join(" ")}
        </p>
      ) : null}
      {seats.length > 0 ? (
        <Form method="post" action="/settings/approvals/delegations" className="stack" noValidate>
          <CsrfInput />
          <input type="hidden" name="intent" value="create" />
          <label>
            {t("approvals.delegation.from")}
            <select name="fromUserId" defaultValue={v.fromUserId ?? data.userId}>
              {seats.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </label>
          <Errors name="fromUserId" errors={errors} />
          <label>
            {t("approvals.delegation.to")}
            <select name="toUserId" defaultValue={v.toUserId ?? ""}>
              <option value="">—</option>
              {data.members.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </label>
          <Errors name="toUserId" errors={errors} />
          <div className="inline-form">
            <label>
              {t("approvals.delegation.startsOn")}
              <input type="date" name="startsOn" defaultValue={v.startsOn ?? data.today} />
            </label>
            <label>
              {t("approvals.delegation.endsOn")}
              <input type="date" name="endsOn" defaultValue={v.endsOn ?? data.today} />
            </label>
          </div>
          <Errors name="startsOn" errors={errors} />
          <Errors name="endsOn" errors={errors} />
          <label>
            {t("approvals.delegation.reason")}
            <input type="text" name="reason" maxLength={500} defaultValue={v.reason ?? ""} />
          </label>
          <Errors name="reason" errors={errors} />
          <p>
            <button type="submit" className="button primary">
              {t("approvals.delegation.submit")}
            </button>
          </p>
        </Form>
      ) : null}
    </section>
  );
}
