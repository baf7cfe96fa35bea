import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { Field } from "~/components/field";
import { InviteSchema } from "~/domain/accounts";
import { can } from "~/domain/permissions";
import { inviteMember, membersOf } from "~/services/accounts.server";
import { setApprover } from "~/services/approval-routes.server";
import { orgTwoFactorOverview, setOrgTwoFactorRequirement } from "~/services/two-factor.server";
import { toastHeader } from "~/utils/toast.server";
import { failureStatus } from "~/utils/errors";
import { clientIp, requirePermission, requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { formatDate } from "~/utils/format";
import { parseForm, validateInBrowser } from "~/utils/forms";
import { appOrigin } from "~/utils/env.server";
import { getLocale } from "~/utils/locale.server";
import { pageFailure } from "~/utils/errors";
import { useI18n } from "~/utils/use-i18n";

async function requireOwner(request: Request, context: LoaderFunctionArgs["context"]) {
  const user = await requireUser(request, context);
  const orgId = user.activeOrg?.id ?? "";
  requirePermission(user.actor, "organization:manageMembers", { type: "organization", id: orgId });
  return { user, orgId };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  // Every member reads the list; only owners (manageMembers) see pending invitations and invite.
  const user = await requireUser(request, context);
  const org = { type: "organization", id: user.activeOrg?.id ?? "" } as const;
  requirePermission(user.actor, "organization:readMembers", org);
  const canManage = can(user.actor, "organization:manageMembers", org);
  const { members, pending } = await membersOf(context, org.id);
  // The approver flag (稟議ルート) exists for buyer organisations; owners set it here.
  const approvers = can(user.actor, "approvalRoutes:read", org) ? { manage: can(user.actor, "approvalRoutes:manage", org) } : null;
  // Two-factor sign-in (decision 0052): owners see who has it on and may require it of everyone.
  const twoFactor = canManage ? await orgTwoFactorOverview(context, org.id) : null;
  return {
    members,
    pending: canManage ? pending : [],
    canManage,
    approvers,
    twoFactor: twoFactor ? { required: twoFactor.required, withTwoFactor: [...twoFactor.withTwoFactor] } : null,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request, context);
  const { user, orgId } = await requireOwner(request, context);
  const locale = await getLocale(request, context);
  if (formData.get("intent") === "twoFactorRequirement") {
    const done = await setOrgTwoFactorRequirement(context, user.actor, formData.get("required") === "true", clientIp(request));
    if (!done.ok) throw failureStatus(done);
    return redirect("/settings/members", { headers: { "Set-Cookie": await toastHeader(context, { key: "twoFactor.org.saved" }) } });
  }
  if (formData.get("intent") === "approver") {
    const done = await setApprover(context, user.actor, String(formData.get("userId") ?? ""), formData.get("approver") === "true");
    if (!done.ok && (done.status === 404 || done.status === 403)) throw failureStatus(done);
    const key = done.ok ? "members.approver.saved" : done.key;
    return redirect("/settings/members", { headers: { "Set-Cookie": await toastHeader(context, { key }) } });
  }
  const submission = parseForm(formData, InviteSchema, locale);
  if (submission.status !== "success") return json({ result: submission.reply(), link: null }, { status: 400 });
  // Never the request's Host: a forged Host would put another site into the e-mailed link.
  const appUrl = appOrigin(context.env);
  const result = await inviteMember(context, { userId: user.id, name: user.name, orgId, orgName: user.activeOrg!.name }, submission.value, locale, appUrl);
  if (!result.ok) {
    return json({ result: submission.reply({ fieldErrors: pageFailure(result, locale).fieldErrors }), link: null }, { status: result.status });
  }
  return json({ result: submission.reply({ resetForm: true }), link: result.value.link, email: submission.value.email });
}

export default function MembersPage() {
  const { members, pending, canManage, approvers, twoFactor } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const [form, fields] = useForm({
    lastResult: data?.result,
    ...validateInBrowser(InviteSchema, locale),
    defaultValue: { role: "member" },
  });
  return (
    <div className="stack">
      <h2>{t("members.title")}</h2>
      {/* Scrolls on its own on a phone: with the approver and two-factor columns the table is wider than 390px. */}
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("signup.name")}</th>
              <th scope="col">{t("signup.email")}</th>
              <th scope="col">{t("members.invite.role")}</th>
              {approvers ? <th scope="col">{t("members.approver")}</th> : null}
              {twoFactor ? <th scope="col">{t("twoFactor.org.column")}</th> : null}
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.id}>
                <td>{m.name}</td>
                <td>{m.email}</td>
                <td>{t(`member.${m.role}`)}</td>
                {approvers ? (
                  <td data-testid="approver-cell">
                    {m.is_approver ? t("members.approver.yes") : t("members.approver.no")}
                    {approvers.manage ? (
                      <Form method="post" className="inline-form">
                        <CsrfInput />
                        <input type="hidden" name="intent" value="approver" />
                        <input type="hidden" name="userId" value={m.id} />
                        <input type="hidden" name="approver" value={m.is_approver ? "false" : "true"} />
                        <button type="submit" className="button small">
                          {t(m.is_approver ? "members.approver.unset" : "members.approver.set")}
                        </button>
                      </Form>
                    ) : null}
                  </td>
                ) : null}
                {twoFactor ? (
                  <td data-testid="two-factor-cell">{t(twoFactor.withTwoFactor.includes(m.id) ? "twoFactor.org.memberOn" : "twoFactor.org.memberOff")}</td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {canManage ? null : <p className="muted">{t("settings.members.readOnly")}</p>}
      {twoFactor ? (
        <section className="card" data-testid="two-factor-requirement">
          <h2>{t("twoFactor.org.title")}</h2>
          <p>{t("twoFactor.org.intro")}</p>
          <p>
            <strong>{t(twoFactor.required ? "twoFactor.org.on" : "twoFactor.org.off")}</strong>
          </p>
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="intent" value="twoFactorRequirement" />
            <input type="hidden" name="required" value={twoFactor.required ? "false" : "true"} />
            <button type="submit" className="button">
              {t(twoFactor.required ? "twoFactor.org.unrequire" : "twoFactor.org.require")}
            </button>
          </Form>
        </section>
      ) : null}
      <h2 hidden={!canManage}>{t("members.invite")}</h2>
      {data?.link ? (
        <div className="notice" role="status">
          <p>{t("members.invite.sent", { email: data.email ?? "" })}</p>
          <p>
            {t("members.invite.link")}: <code data-testid="invite-link">{data.link}</code>
          </p>
        </div>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="inline-form" hidden={!canManage}>
        <CsrfInput />
        <Field id={fields.email.id} label={t("members.invite.email")} errors={fields.email.errors}>
          {(aria) => <input {...getInputProps(fields.email, { type: "email" })} {...aria} />}
        </Field>
        <Field id={fields.role.id} label={t("members.invite.role")} errors={fields.role.errors}>
          {(aria) => (
            <select name={fields.role.name} defaultValue={fields.role.initialValue as string} {...aria}>
              <option value="member">{t("member.member")}</option>
              <option value="owner">{t("member.owner")}</option>
            </select>
          )}
        </Field>
        <button type="submit" className="button primary">
          {t("members.invite.submit")}
        </button>
      </Form>

      {pending.length > 0 ? (
        <>
          <h3>{t("members.pending")}</h3>
          <ul>
            {pending.map((p) => (
              <li key={p.id}>
                {p.email} ({t(`member.${p.role}`)}) — {t("members.expires")}: {formatDate(p.expires_at, locale)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
