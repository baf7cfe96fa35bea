import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { FieldErrors, FormErrors } from "~/components/field";
import { MailPreferencesSchema } from "~/domain/mail/preferences";
import { mailPreferencesOf, saveMailPreferences } from "~/services/mail-preferences.server";
import { clientOf, requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { pageFailure } from "~/utils/errors";
import { parseForm, useFormIdAfterSave, validateInBrowser } from "~/utils/forms";
import { getLocale } from "~/utils/locale.server";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";

// Every signed-in user's own e-mail settings (decision 0054; `settings_` like the security page, since they are
// the user's, not the organisation's): one on/off choice per kind of notification mail; account mails are shown
// as always on. Saving writes one audit row naming what changed.
export const meta: MetaFunction = () => [{ title: "メール通知 / E-mail notifications — Kurabe" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  return { kinds: await mailPreferencesOf(context, user.id) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request, context);
  const user = await requireUser(request, context);
  const locale = await getLocale(request, context);
  const submission = parseForm(formData, MailPreferencesSchema, locale);
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  const saved = await saveMailPreferences(context, { id: user.id, orgId: user.activeOrg?.id ?? null }, submission.value, clientOf(request).ip);
  if (!saved.ok) {
    const { status, formErrors, fieldErrors } = pageFailure(saved, locale);
    return json({ result: submission.reply({ formErrors, fieldErrors }) }, { status });
  }
  return redirect("/settings/notifications", { headers: { "Set-Cookie": await toastHeader(context, { key: "mailSettings.saved" }) } });
}

export default function MailSettingsPage() {
  const { kinds } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const lastResult = answer?.result as SubmissionResult<string[]> | undefined;
  const { t, locale } = useI18n();
  const [form, fields] = useForm({
    id: useFormIdAfterSave("mail-settings", lastResult),
    lastResult,
    ...validateInBrowser(MailPreferencesSchema, locale),
  });
  const errorsOf = (kind: string) => (fields as Record<string, { errors?: string[] } | undefined>)[kind]?.errors;
  return (
    <section className="stack">
      <h1>{t("mailSettings.title")}</h1>
      <p>{t("mailSettings.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="card">
        <CsrfInput />
        <FormErrors errors={form.errors} />
        <table className="table" data-testid="mail-settings">
          <thead>
            <tr>
              <th scope="col">{t("mailSettings.kind")}</th>
              <th scope="col">{t("mailSettings.receive")}</th>
            </tr>
          </thead>
          <tbody>
            {kinds.map((k) => (
              <tr key={k.kind} data-kind={k.kind}>
                <th scope="row" id={`mail-kind-${k.kind}`}>
                  {t(`mailSettings.kind.${k.kind}`)}
                </th>
                <td>
                  {k.canTurnOff ? (
                    <fieldset aria-labelledby={`mail-kind-${k.kind}`} aria-invalid={errorsOf(k.kind)?.length ? true : undefined}>
                      <label>
                        <input type="radio" name={k.kind} value="on" defaultChecked={k.enabled} /> {t("mailSettings.on")}
                      </label>{" "}
                      <label>
                        <input type="radio" name={k.kind} value="off" defaultChecked={!k.enabled} /> {t("mailSettings.off")}
                      </label>
                      <FieldErrors id={`mail-kind-${k.kind}-error`} errors={errorsOf(k.kind)} />
                    </fieldset>
                  ) : (
                    <span className="muted">{t("mailSettings.alwaysOn")}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="submit" className="button primary">
          {t("mailSettings.save")}
        </button>
      </Form>
      <p>
        <Link to="/settings/security">← {t("security.title")}</Link>
      </p>
    </section>
  );
}
