import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { FormErrors } from "~/components/field";
import { NewPasswordFields } from "~/components/new-password-fields";
import { ResetPasswordSchema } from "~/domain/passwords";
import { findResetLink, resetPassword } from "~/services/passwords.server";
import { clientIp } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { parseForm } from "~/utils/forms";
import { getLocale } from "~/utils/locale.server";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";

// The token is in the path: no referrer leaves this page, so it cannot reach another site's logs.
export const meta: MetaFunction = () => [{ title: "新しいパスワードの設定 / Choose a new password — Kurabe" }, { name: "referrer", content: "no-referrer" }];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const link = await findResetLink(context, params.token ?? "");
  return json({ email: link?.email ?? null }, { status: link ? 200 : 410 });
}

type ActionData = { errors: Record<string, string[] | null> | null; formError: string | null };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const formData = await readForm(request, context);
  const token = params.token ?? "";
  // Checked before anything costly, so a guessed or spent link costs no password hashing.
  if (!(await findResetLink(context, token))) return json({ email: null }, { status: 410 });
  const locale = await getLocale(request, context);
  const submission = parseForm(formData, ResetPasswordSchema, locale);
  if (submission.status !== "success") {
    return json({ errors: submission.error ?? null, formError: null } satisfies ActionData, { status: 400 });
  }
  const result = await resetPassword(context, token, submission.value.newPassword, clientIp(request));
  // Spent by a concurrent submission between the check above and now.
  if (!result.ok) return json({ email: null }, { status: result.status });
  return redirect("/login", { headers: { "Set-Cookie": await toastHeader(context, { key: "reset.done" }) } });
}

export default function ResetPasswordPage() {
  const { email } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useI18n();
  if (!email || (data && "email" in data)) {
    return (
      <section className="narrow card">
        <h1>{t("reset.title")}</h1>
        <p role="alert" data-testid="reset-invalid">
          {t("reset.invalid")}
        </p>
        <p>
          <Link to="/forgot-password">{t("reset.requestNew")}</Link>
        </p>
      </section>
    );
  }
  const errors = data && "errors" in data ? data : null;
  return (
    <section className="narrow card">
      <h1>{t("reset.title")}</h1>
      <p>{t("reset.intro", { email })}</p>
      <Form method="post">
        <CsrfInput />
        <FormErrors errors={errors?.formError ? [errors.formError] : null} />
        <NewPasswordFields errors={errors?.errors} />
        <button type="submit" className="button primary">
          {t("reset.submit")}
        </button>
      </Form>
    </section>
  );
}
