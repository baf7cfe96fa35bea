import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { Field } from "~/components/field";
import { InviteSchema } from "~/domain/accounts";
import { can } from "~/domain/permissions";
import { inviteMember, membersOf } from "~/services/accounts.server";
import { requirePermission, requireUser } from "~/utils/auth.server";
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
  return { members, pending: canManage ? pending : [], canManage };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request, context);
  const { user, orgId } = await requireOwner(request, context);
  const locale = await getLocale(request, context);
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
  const { members, pending, canManage } = useLoaderData<typeof loader>();
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
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t("signup.name")}</th>
            <th scope="col">{t("signup.email")}</th>
            <th scope="col">{t("members.invite.role")}</th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.id}>
              <td>{m.name}</td>
              <td>{m.email}</td>
              <td>{t(`member.${m.role}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      {canManage ? null : <p className="muted">{t("settings.members.readOnly")}</p>}
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
