import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { Field, FormErrors } from "~/components/field";
import { LoginSchema, safeRedirect } from "~/domain/accounts";
import { attemptLogIn } from "~/services/login.server";
import { beginTwoFactorLogin } from "~/services/two-factor.server";
import { clientIp, getCurrentUser, startSession } from "~/utils/auth.server";
import { twoFactorCookie } from "~/utils/cookies.server";
import { readForm } from "~/utils/csrf.server";
import { pageFailure } from "~/utils/errors";
import { parseForm } from "~/utils/forms";
import { getLocale } from "~/utils/locale.server";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";

export const meta: MetaFunction = () => [{ title: "ログイン / Log in — Kurabe" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (await getCurrentUser(request, context)) throw redirect("/");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request, context);
  const locale = await getLocale(request, context);
  const submission = parseForm(formData, LoginSchema, locale);
  if (submission.status !== "success") {
    return json(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const { email, password } = submission.value;
  const result = await attemptLogIn(context, { email, password, ip: clientIp(request), via: "login" });
  if (!result.ok) {
    const { status, formErrors } = pageFailure(result, locale);
    return json(submission.reply({ formErrors, hideFields: ["password"] }), { status });
  }
  // With two-factor sign-in on, the password only opens the code step (decision 0052): no session yet.
  const pending = await beginTwoFactorLogin(context, result.value.id, safeRedirect(submission.value.redirectTo));
  if (pending) return redirect("/login/two-factor", { headers: { "Set-Cookie": await twoFactorCookie(context).serialize(pending.token) } });
  const headers = new Headers();
  headers.append("Set-Cookie", await startSession(context, result.value.id, null));
  headers.append("Set-Cookie", await toastHeader(context, { key: "login.welcomeBack" }));
  return redirect(safeRedirect(submission.value.redirectTo), { headers });
}

export default function LoginPage() {
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, locale } = useI18n();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseForm(formData, LoginSchema, locale),
    shouldValidate: "onSubmit",
  });
  return (
    <section className="narrow card">
      <h1>{t("login.title")}</h1>
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
        <FormErrors errors={form.errors} />
        <Field id={fields.email.id} label={t("login.email")} errors={fields.email.errors}>
          {(aria) => <input {...getInputProps(fields.email, { type: "email" })} {...aria} autoComplete="email" />}
        </Field>
        <Field id={fields.password.id} label={t("login.password")} errors={fields.password.errors}>
          {(aria) => <input {...getInputProps(fields.password, { type: "password" })} {...aria} autoComplete="current-password" />}
        </Field>
        <button type="submit" className="button primary">
          {t("login.submit")}
        </button>
      </Form>
      <p>
        <Link to="/forgot-password">{t("forgot.link")}</Link>
      </p>
      <p>
        <Link to="/signup">{t("login.noAccount")}</Link>
      </p>
    </section>
  );
}
