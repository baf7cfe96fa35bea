import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { Field, FormErrors } from "~/components/field";
import { AcceptInvitationSchema } from "~/domain/accounts";
import { acceptInvitation, findInvitation, type InvitationProof } from "~/services/accounts.server";
import { beginTwoFactorLogin } from "~/services/two-factor.server";
import { clientIp, getCurrentUser, startSession } from "~/utils/auth.server";
import { twoFactorCookie } from "~/utils/cookies.server";
import { readForm } from "~/utils/csrf.server";
import { parseForm } from "~/utils/forms";
import { getLocale } from "~/utils/locale.server";
import { toastHeader } from "~/utils/toast.server";
import { pageFailure } from "~/utils/errors";
import { useI18n } from "~/utils/use-i18n";

// Accepting an invitation. Logged in as the invited address: one click. Otherwise a new person
// sets a name and password, and someone who already has an account logs in first (or types its
// password here, which goes through the same limiter as the log-in page).

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const inv = await findInvitation(context, params.token ?? "");
  if (!inv) return json({ invitation: null, signedInAs: null }, { status: 404 });
  const user = await getCurrentUser(request, context);
  const signedInAs = user && user.email.toLowerCase() === inv.email.toLowerCase() ? user.email : null;
  return { invitation: { email: inv.email, orgName: inv.orgName }, signedInAs };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const formData = await readForm(request, context);
  const locale = await getLocale(request, context);
  let proof: InvitationProof;
  const user = formData.get("intent") === "join-signed-in" ? await getCurrentUser(request, context) : null;
  if (user) {
    proof = { signedIn: { userId: user.id, sessionIdHash: user.sessionIdHash } };
  } else {
    const submission = parseForm(formData, AcceptInvitationSchema, locale);
    if (submission.status !== "success") return json({ errors: submission.error, formError: null }, { status: 400 });
    proof = submission.value;
  }
  const result = await acceptInvitation(context, params.token ?? "", proof, locale, clientIp(request));
  if (!result.ok) {
    const { status, formErrors, fieldErrors } = pageFailure(result, locale);
    // A refused password shows at its field only; a bad link or a wrong account above the form.
    return json({ errors: fieldErrors, formError: result.fieldErrors ? null : formErrors[0] }, { status });
  }
  const headers = new Headers();
  // Already logged in, the session was moved to the new organisation; otherwise this is a log-in.
  if (!user) {
    // The password of an account with two-factor sign-in only opens the code step (decision 0052).
    const pending = await beginTwoFactorLogin(context, result.value.user.id, "/");
    if (pending) return redirect("/login/two-factor", { headers: { "Set-Cookie": await twoFactorCookie(context).serialize(pending.token) } });
    headers.append("Set-Cookie", await startSession(context, result.value.user.id, result.value.orgId));
  }
  headers.append("Set-Cookie", await toastHeader(context, { key: "invite.joined", params: { org: result.value.orgName } }));
  return redirect("/", { headers });
}

export default function InvitationPage() {
  const { invitation, signedInAs } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { token } = useParams();
  const { t } = useI18n();
  if (!invitation) {
    return (
      <section className="narrow card">
        <p role="alert">{t("invite.invalid")}</p>
      </section>
    );
  }
  if (signedInAs) {
    return (
      <section className="narrow card">
        <h1>{t("invite.title", { org: invitation.orgName })}</h1>
        <p>{t("invite.signedInAs", { email: signedInAs })}</p>
        <Form method="post">
          <CsrfInput />
          <FormErrors errors={data?.formError ? [data.formError] : null} />
          <input type="hidden" name="intent" value="join-signed-in" />
          <button type="submit" className="button primary">
            {t("invite.joinAsCurrent")}
          </button>
        </Form>
      </section>
    );
  }
  return (
    <section className="narrow card">
      <h1>{t("invite.title", { org: invitation.orgName })}</h1>
      <p>{t("invite.body", { email: invitation.email })}</p>
      <p>
        {t("invite.logInFirst")} <Link to={`/login?redirectTo=${encodeURIComponent(`/invitations/${token}`)}`}>{t("invite.logInLink")}</Link>
      </p>
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
