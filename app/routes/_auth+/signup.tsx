import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { Field, FormErrors } from "~/components/field";
import { SignupSchema } from "~/domain/accounts";
import { signUp } from "~/services/signup.server";
import { clientIp, getCurrentUser } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { pageFailure } from "~/utils/errors";
import { parseForm, validateInBrowser } from "~/utils/forms";
import { getLocale } from "~/utils/locale.server";
import { useI18n } from "~/utils/use-i18n";

export const meta: MetaFunction = () => [{ title: "新規登録 / Sign up — Kurabe" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (await getCurrentUser(request, context)) throw redirect("/");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request, context);
  const locale = await getLocale(request, context);
  const submission = parseForm(formData, SignupSchema, locale);
  if (submission.status !== "success") {
    return json(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const result = await signUp(context, submission.value, locale, clientIp(request));
  if (!result.ok) {
    const { status, formErrors } = pageFailure(result, locale);
    return json(submission.reply({ formErrors, hideFields: ["password"] }), { status });
  }
  // The same answer for a new and a registered address: the mail says which it was.
  return json({ sent: { email: result.value.email } });
}

export default function SignupPage() {
  const data = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const sent = data && "sent" in data ? data.sent : null;
  const [form, fields] = useForm({
    lastResult: data && "sent" in data ? null : data,
    ...validateInBrowser(SignupSchema, locale),
    defaultValue: { kind: "buyer" },
  });
  if (sent) {
    return (
      <section className="narrow card">
        <h1>{t("signup.sent.title")}</h1>
        <p role="status">{t("signup.sent.body", { email: sent.email })}</p>
      </section>
    );
  }
  return (
    <section className="narrow card">
      <h1>{t("signup.title")}</h1>
      <p>{t("signup.intro")}</p>
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <FormErrors errors={form.errors} />
        <fieldset className="field">
          <legend>{t("signup.kind")}</legend>
          {(["buyer", "vendor"] as const).map((k) => (
            <label key={k} className="radio">
              <input type="radio" name={fields.kind.name} value={k} defaultChecked={fields.kind.initialValue === k} />
              {t(`signup.kind.${k}`)}
            </label>
          ))}
          {fields.kind.errors ? <p className="field-errors">{fields.kind.errors.join(" ")}</p> : null}
        </fieldset>
        <Field id={fields.orgName.id} label={t("signup.orgName")} errors={fields.orgName.errors}>
          {(aria) => <input {...getInputProps(fields.orgName, { type: "text" })} {...aria} autoComplete="organization" />}
        </Field>
        <Field id={fields.name.id} label={t("signup.name")} errors={fields.name.errors}>
          {(aria) => <input {...getInputProps(fields.name, { type: "text" })} {...aria} autoComplete="name" />}
        </Field>
        <Field id={fields.email.id} label={t("signup.email")} errors={fields.email.errors}>
          {(aria) => <input {...getInputProps(fields.email, { type: "email" })} {...aria} autoComplete="email" />}
        </Field>
        <Field id={fields.password.id} label={t("signup.password")} errors={fields.password.errors}>
          {(aria) => <input {...getInputProps(fields.password, { type: "password" })} {...aria} autoComplete="new-password" />}
        </Field>
        <button type="submit" className="button primary">
          {t("signup.submit")}
        </button>
      </Form>
      <p>
        <Link to="/login">{t("signup.haveAccount")}</Link>
      </p>
    </section>
  );
}
