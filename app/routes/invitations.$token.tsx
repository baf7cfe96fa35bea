import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { Field, FormErrors } from "~/components/field";
import { AcceptInvitationSchema } from "~/domain/accounts";
import { t } from "~/i18n";
import { acceptInvitation, findInvitation } from "~/services/accounts.server";
import { startSession } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { parseForm } from "~/utils/forms";
import { getLocale } from "~/utils/locale.server";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";

export async function loader({ params, context }: LoaderFunctionArgs) {
  const inv = await findInvitation(context, params.token ?? "");
  return Response.json({ invitation: inv ? { email: inv.email, orgName: inv.orgName } : null }, { status: inv ? 200 : 404 });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const formData = await readForm(request, context);
  const locale = await getLocale(request, context);
  const submission = parseForm(formData, AcceptInvitationSchema, locale);
  if (submission.status !== "success") return Response.json({ errors: submission.error, formError: null }, { status: 400 });
  const result = await acceptInvitation(context, params.token ?? "", submission.value, locale);
  if (!result.ok) {
    const errors = Object.fromEntries(Object.entries(result.fieldErrors ?? {}).map(([k, keys]) => [k, keys.map((key) => t(locale, key))]));
    return Response.json({ errors, formError: result.formError ? t(locale, result.formError) : null }, { status: 400 });
  }
  const headers = new Headers();
  headers.append("Set-Cookie", await startSession(context, result.value.user.id, result.value.orgId));
  headers.append("Set-Cookie", await toastHeader(context, { key: "invite.joined", params: { org: result.value.orgName } }));
  return redirect("/", { headers });
}

export default function InvitationPage() {
  const { invitation } = useLoaderData<{ invitation: { email: string; orgName: string } | null }>();
  const data = useActionData<{ errors: Record<string, string[]> | null; formError: string | null }>();
  const { t } = useI18n();
  if (!invitation) {
    return (
      <section className="narrow card">
        <p role="alert">{t("invite.invalid")}</p>
      </section>
    );
  }
  return (
    <section className="narrow card">
      <h1>{t("invite.title", { org: invitation.orgName })}</h1>
      <p>{t("invite.body", { email: invitation.email })}</p>
      <Form method="post">
        <CsrfInput />
        <FormErrors errors={data?.formError ? [data.formError] : null} />
        <Field id="name" label={t("signup.name")} errors={data?.errors?.name}>
          {(aria) => <input type="text" name="name" autoComplete="name" {...aria} />}
        </Field>
        <Field id="password" label={t("signup.password")} errors={data?.errors?.password}>
          {(aria) => <input type="password" name="password" autoComplete="new-password" {...aria} />}
        </Field>
        <button type="submit" className="button primary">
          {t("invite.accept")}
        </button>
      </Form>
    </section>
  );
}
