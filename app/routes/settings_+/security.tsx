import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { IntentButton } from "~/components/intent-button";
import { Field, FormErrors } from "~/components/field";
import { NewPasswordFields } from "~/components/new-password-fields";
import { ChangePasswordSchema } from "~/domain/passwords";
import { changePassword } from "~/services/passwords.server";
import { listSessions, signOutOtherSessions, signOutSession } from "~/services/sessions.server";
import { clientOf, requireUser } from "~/utils/auth.server";
import { SESSION_IDLE_HOURS, sessionCookie } from "~/utils/cookies.server";
import { readForm } from "~/utils/csrf.server";
import { formatDateTime } from "~/utils/format";
import { parseForm } from "~/utils/forms";
import { getLocale } from "~/utils/locale.server";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";
import { invariantResponse, pageFailure } from "~/utils/errors";

// Every signed-in user's own account security (not the owner-only organisation settings, hence
// `settings_`): password change and the list of sessions.
export const meta: MetaFunction = () => [{ title: "アカウントのセキュリティ / Account security — Kurabe" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  return { sessions: await listSessions(context, user), idleHours: SESSION_IDLE_HOURS };
}

type ActionData = { errors: Record<string, string[] | null> | null; formError: string | null };

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request, context);
  const user = await requireUser(request, context);
  const locale = await getLocale(request, context);
  const client = clientOf(request);
  const intent = formData.get("intent");

  if (intent === "signOut") {
    const ended = await signOutSession(context, user, String(formData.get("sessionId") ?? ""), client.ip);
    invariantResponse(ended);
    const headers = new Headers();
    if (ended.wasCurrent) {
      headers.append("Set-Cookie", await sessionCookie(context).serialize("", { maxAge: 0 }));
      headers.append("Set-Cookie", await toastHeader(context, { key: "logout.done" }));
      return redirect("/login", { headers });
    }
    headers.append("Set-Cookie", await toastHeader(context, { key: "sessions.signedOut" }));
    return redirect("/settings/security", { headers });
  }

  if (intent === "signOutOthers") {
    const count = await signOutOtherSessions(context, user, client.ip);
    return redirect("/settings/security", { headers: { "Set-Cookie": await toastHeader(context, { key: "sessions.signedOutOthers", params: { count } }) } });
  }

  const submission = parseForm(formData, ChangePasswordSchema, locale);
  if (submission.status !== "success") {
    return json({ errors: submission.error ?? null, formError: null } satisfies ActionData, { status: 400 });
  }
  const result = await changePassword(context, { id: user.id, orgId: user.activeOrg?.id ?? null }, submission.value, client);
  if (!result.ok) {
    return json({ errors: pageFailure(result, locale).fieldErrors, formError: null } satisfies ActionData, { status: result.status });
  }
  const headers = new Headers();
  headers.append("Set-Cookie", result.value.setCookie);
  headers.append("Set-Cookie", await toastHeader(context, { key: "security.changed" }));
  return redirect("/settings/security", { headers });
}

export default function AccountSecurityPage() {
  const { sessions, idleHours } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const others = sessions.filter((s) => !s.current).length;
  return (
    <section className="stack">
      <h1>{t("security.title")}</h1>

      <div className="card narrow">
        <h2>{t("twoFactor.title")}</h2>
        <p>{t("twoFactor.intro")}</p>
        <Link to="/settings/two-factor">{t("twoFactor.securityLink")}</Link>
      </div>

      <div className="card narrow">
        <h2>{t("security.passwordTitle")}</h2>
        <p>{t("security.passwordIntro")}</p>
        <Form method="post">
          <CsrfInput />
          <input type="hidden" name="intent" value="password" />
          <FormErrors errors={data?.formError ? [data.formError] : null} />
          <Field id="currentPassword" label={t("security.currentPassword")} errors={data?.errors?.currentPassword}>
            {(aria) => <input type="password" name="currentPassword" autoComplete="current-password" maxLength={200} required {...aria} />}
          </Field>
          <NewPasswordFields errors={data?.errors} />
          <button type="submit" className="button primary">
            {t("security.changeSubmit")}
          </button>
        </Form>
      </div>

      <div className="stack">
        <h2>{t("sessions.title")}</h2>
        <p>{t("sessions.intro", { hours: idleHours })}</p>
        <table className="table" data-testid="sessions">
          <thead>
            <tr>
              <th scope="col">{t("sessions.device")}</th>
              <th scope="col">{t("sessions.created")}</th>
              <th scope="col">{t("sessions.lastSeen")}</th>
              <th scope="col">{t("sessions.ip")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("sessions.signOut")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.id} data-session-id={s.id}>
                <td>
                  {s.device || t("sessions.unknownDevice")}
                  {s.current ? <span className="badge">{t("sessions.current")}</span> : null}
                </td>
                <td>{formatDateTime(s.createdAt, locale)}</td>
                <td>{formatDateTime(s.lastSeenAt, locale)}</td>
                <td>{s.ip ?? "—"}</td>
                <td>
                  <IntentButton intent="signOut" fields={{ sessionId: s.id }} className="button danger small">
                    {t("sessions.signOut")}
                  </IntentButton>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {others > 0 ? (
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="intent" value="signOutOthers" />
            <button type="submit" className="button danger">
              {t("sessions.signOutOthers")}
            </button>
          </Form>
        ) : null}
      </div>
    </section>
  );
}
