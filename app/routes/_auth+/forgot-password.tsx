import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { Field, FormErrors } from "~/components/field";
import { ForgotPasswordSchema } from "~/domain/passwords";
import { requestPasswordReset } from "~/services/passwords.server";
import { clientIp } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { parseForm } from "~/utils/forms";
import { getLocale } from "~/utils/locale.server";
import { pageFailure } from "~/utils/errors";
import { useI18n } from "~/utils/use-i18n";

export const meta: MetaFunction = () => [{ title: "パスワードの再設定 / Reset your password — Kurabe" }];

type ActionData = { sent: boolean; errors: Record<string, string[] | null> | null; formError: string | null };

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request, context);
  const locale = await getLocale(request, context);
  const submission = parseForm(formData, ForgotPasswordSchema, locale);
  if (submission.status !== "success") {
    return json({ sent: false, errors: submission.error ?? null, formError: null } satisfies ActionData, { status: 400 });
  }
  const result = await requestPasswordReset(context, submission.value.email, clientIp(request));
  if (!result.ok)
    return json({ sent: false, errors: null, formError: pageFailure(result, locale).formErrors[0] } satisfies ActionData, { status: result.status });
  // The same answer whether or not the address has an account.
  return json({ sent: true, errors: null, formError: null } satisfies ActionData);
}

export default function ForgotPasswordPage() {
  const data = useActionData<typeof action>();
  const { t } = useI18n();
  return (
    <section className="narrow card">
      <h1>{t("forgot.title")}</h1>
      {data?.sent ? (
        <p role="status" data-testid="reset-sent">
          {t("forgot.sent")}
        </p>
      ) : (
        <>
          <p>{t("forgot.intro")}</p>
          <Form method="post">
            <CsrfInput />
            <FormErrors errors={data?.formError ? [data.formError] : null} />
            <Field id="email" label={t("forgot.email")} errors={data?.errors?.email}>
              {(aria) => <input type="email" name="email" autoComplete="email" maxLength={254} required {...aria} />}
            </Field>
            <button type="submit" className="button primary">
              {t("forgot.submit")}
            </button>
          </Form>
        </>
      )}
      <p>
        <Link to="/login">{t("login.title")}</Link>
      </p>
    </section>
  );
}
