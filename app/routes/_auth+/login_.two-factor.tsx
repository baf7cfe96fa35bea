import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { Field, FormErrors } from "~/components/field";
import { TwoFactorLoginSchema } from "~/domain/two-factor";
import { completeTwoFactorLogin, pendingTwoFactorLogin } from "~/services/two-factor.server";
import { clientOf, getCurrentUser } from "~/utils/auth.server";
import { twoFactorCookie } from "~/utils/cookies.server";
import { readForm } from "~/utils/csrf.server";
import { pageFailure } from "~/utils/errors";
import { parseForm, validateInBrowser } from "~/utils/forms";
import { getLocale } from "~/utils/locale.server";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";

// The second step of the log-in (decision 0052): after a correct password, the code of the authenticator app or a
// recovery code. Until it is passed there is no session, only the short-lived token in its own cookie.
export const meta: MetaFunction = () => [{ title: "2段階認証 / Two-factor sign-in — Kurabe" }];

async function tokenOf(request: Request, context: LoaderFunctionArgs["context"]) {
  const token = await twoFactorCookie(context).parse(request.headers.get("Cookie"));
  return typeof token === "string" ? token : null;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (await getCurrentUser(request, context)) throw redirect("/");
  return { pending: await pendingTwoFactorLogin(context, await tokenOf(request, context)) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request, context);
  const locale = await getLocale(request, context);
  const submission = parseForm(formData, TwoFactorLoginSchema, locale);
  if (submission.status !== "success") return json({ result: submission.reply({ hideFields: ["code"] }), gone: false }, { status: 400 });
  const result = await completeTwoFactorLogin(context, await tokenOf(request, context), submission.value.code, clientOf(request));
  if (!result.ok) {
    const { status, formErrors, fieldErrors } = pageFailure(result, locale);
    const headers = new Headers();
    if (status === 410) headers.append("Set-Cookie", await twoFactorCookie(context).serialize("", { maxAge: 0 }));
    return json({ result: submission.reply({ formErrors, fieldErrors, hideFields: ["code"] }), gone: status === 410 }, { status, headers });
  }
  const headers = new Headers();
  headers.append("Set-Cookie", await twoFactorCookie(context).serialize("", { maxAge: 0 }));
  headers.append("Set-Cookie", result.value.setCookie);
  headers.append("Set-Cookie", await toastHeader(context, { key: "login.welcomeBack" }));
  return redirect(result.value.redirectTo, { headers });
}

export default function TwoFactorLoginPage() {
  const { pending } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const [form, fields] = useForm({ lastResult: data?.result, ...validateInBrowser(TwoFactorLoginSchema, locale) });
  if (!pending || data?.gone) {
    return (
      <section className="narrow card">
        <h1>{t("twoFactor.login.title")}</h1>
        <p role="alert">{t("twoFactor.challengeGone")}</p>
        <p>
          <Link to="/login">{t("twoFactor.login.again")}</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="narrow card">
      <h1>{t("twoFactor.login.title")}</h1>
      <p>{t("twoFactor.login.intro")}</p>
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <FormErrors errors={fields.code.errors?.length ? null : form.errors} />
        <Field id={fields.code.id} label={t("twoFactor.login.field")} errors={fields.code.errors}>
          {(aria) => <input {...getInputProps(fields.code, { type: "text" })} {...aria} autoComplete="one-time-code" inputMode="text" autoFocus />}
        </Field>
        <button type="submit" className="button primary">
          {t("twoFactor.login.submit")}
        </button>
      </Form>
    </section>
  );
}
