import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { confirmSignup, findSignupToConfirm } from "~/services/signup.server";
import { clientIp, startSession } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { getLocale } from "~/utils/locale.server";
import { toastHeader } from "~/utils/toast.server";
import { pageFailure } from "~/utils/errors";
import { useI18n } from "~/utils/use-i18n";

// The link in the confirmation mail. Opening it only shows what will be created; the button
// (a POST) creates it. Mail scanners that prefetch links must not use up the single-use token
// or receive the new user's session.

export const meta: MetaFunction = () => [{ title: "登録の確認 / Confirm your sign-up — Kurabe" }];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const signup = await findSignupToConfirm(context, params.token ?? "");
  return json({ signup }, { status: signup ? 200 : 404 });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  await readForm(request, context);
  const locale = await getLocale(request, context);
  const result = await confirmSignup(context, params.token ?? "", clientIp(request));
  if (!result.ok) return json({ formError: pageFailure(result, locale).formErrors[0] }, { status: result.status });
  const headers = new Headers();
  headers.append("Set-Cookie", await startSession(context, result.value.user.id, result.value.org.id));
  headers.append("Set-Cookie", await toastHeader(context, { key: "signup.done" }));
  return redirect(result.value.org.kind === "vendor" ? "/vendor/profile" : "/", { headers });
}

export default function ConfirmSignupPage() {
  const { signup } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useI18n();
  if (!signup || data?.formError) {
    return (
      <section className="narrow card">
        <p role="alert">{data?.formError ?? t("signup.confirm.invalid")}</p>
      </section>
    );
  }
  return (
    <section className="narrow card">
      <h1>{t("signup.confirm.title")}</h1>
      <p>{t("signup.confirm.body", { org: signup.orgName, email: signup.email })}</p>
      <Form method="post">
        <CsrfInput />
        <button type="submit" className="button primary">
          {t("signup.confirm.submit")}
        </button>
      </Form>
    </section>
  );
}
