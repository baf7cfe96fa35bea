import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { Field, FormErrors } from "~/components/field";
import { TwoFactorCodeSchema, TwoFactorDisableSchema } from "~/domain/two-factor";
import { confirmSetup, disableTwoFactor, regenerateRecoveryCodes, startSetup, twoFactorStatus } from "~/services/two-factor.server";
import { clientOf, requireUser, type CurrentUser } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { pageFailure } from "~/utils/errors";
import { formatDate } from "~/utils/format";
import { parseForm } from "~/utils/forms";
import { getLocale } from "~/utils/locale.server";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";
import type { ServiceFailure } from "~/utils/service-failure";
import type { Locale } from "~/i18n";

// Every user's own two-factor sign-in (decision 0052): set up with an authenticator app (the key is shown once,
// in the answer to "set it up", and enabled only after a current code), recovery codes (shown once), turn off.
// A member whose organisation requires it is sent here from every other page until it is on.
export const meta: MetaFunction = () => [{ title: "2段階認証 / Two-factor sign-in — Kurabe" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  return twoFactorStatus(context, user.id);
}

type ActionData = {
  intent: string;
  errors: Record<string, string[]> | null;
  formError: string | null;
  setup: { secret: string; uri: string; qr: string } | null;
  recoveryCodes: string[] | null;
};

const answer = (intent: string, rest: Partial<ActionData>, status = 200) =>
  json({ intent, errors: null, formError: null, setup: null, recoveryCodes: null, ...rest } satisfies ActionData, { status });

const refused = (intent: string, failure: ServiceFailure, locale: Locale) => {
  const { status, formErrors, fieldErrors } = pageFailure(failure, locale);
  const hasFields = Object.keys(fieldErrors).length > 0;
  return answer(intent, { errors: hasFields ? fieldErrors : null, formError: hasFields ? null : (formErrors[0] ?? null) }, status);
};

const me = (user: CurrentUser) => ({ id: user.id, email: user.email, orgId: user.activeOrg?.id ?? null });

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request, context);
  const user = await requireUser(request, context);
  const locale = await getLocale(request, context);
  const client = clientOf(request);
  const intent = String(formData.get("intent") ?? "");

  if (intent === "start") {
    const started = await startSetup(context, me(user));
    return started.ok ? answer(intent, { setup: started.value }) : refused(intent, started, locale);
  }
  if (intent === "confirm" || intent === "regenerate") {
    const submission = parseForm(formData, TwoFactorCodeSchema, locale);
    if (submission.status !== "success") return answer(intent, { errors: submission.error as Record<string, string[]> }, 400);
    const done =
      intent === "confirm"
        ? await confirmSetup(context, me(user), submission.value.code, client)
        : await regenerateRecoveryCodes(context, me(user), submission.value.code, client);
    return done.ok ? answer(intent, { recoveryCodes: done.value.recoveryCodes }) : refused(intent, done, locale);
  }
  if (intent === "disable") {
    const submission = parseForm(formData, TwoFactorDisableSchema, locale);
    if (submission.status !== "success") return answer(intent, { errors: submission.error as Record<string, string[]> }, 400);
    const done = await disableTwoFactor(context, me(user), submission.value, client);
    if (!done.ok) return refused(intent, done, locale);
    return redirect("/settings/two-factor", { headers: { "Set-Cookie": await toastHeader(context, { key: "twoFactor.disabled" }) } });
  }
  throw new Response("Bad Request", { status: 400 });
}

function CodeField({ errors, id = "code" }: { errors?: string[] | null; id?: string }) {
  const { t } = useI18n();
  return (
    <Field id={id} label={t("twoFactor.code")} hint={t("twoFactor.code.hint")} errors={errors}>
      {(aria) => <input type="text" name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={40} {...aria} />}
    </Field>
  );
}

export default function TwoFactorPage() {
  const status = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const errorsOf = (intent: string) => (data?.intent === intent ? data.errors : null);
  const formErrorOf = (intent: string) => (data?.intent === intent && data.formError ? [data.formError] : null);

  if (data?.recoveryCodes) {
    return (
      <section className="stack narrow">
        <h1>{t("twoFactor.recovery.title")}</h1>
        {data.intent === "confirm" ? (
          <p role="status" data-testid="two-factor-enabled">
            {t("twoFactor.enabled")}
          </p>
        ) : null}
        <p>{t("twoFactor.recovery.once")}</p>
        <ul className="recovery-codes" data-testid="recovery-codes">
          {data.recoveryCodes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ul>
        <p>
          <Link to="/settings/two-factor" className="button primary">
            {t("twoFactor.recovery.done")}
          </Link>
        </p>
      </section>
    );
  }

  return (
    <section className="stack">
      <h1>{t("twoFactor.title")}</h1>
      <p>{t("twoFactor.intro")}</p>
      {status.setupRequired ? (
        <div className="notice" role="alert" data-testid="two-factor-required">
          {t("twoFactor.requiredNotice")}
        </div>
      ) : null}
      <p data-testid="two-factor-status">
        {status.enabled && status.enabledAt ? t("twoFactor.status.on", { date: formatDate(status.enabledAt, locale) }) : t("twoFactor.status.off")}
      </p>

      {!status.enabled ? (
        <div className="card narrow">
          {data?.setup ? (
            <>
              <h2>{t("twoFactor.setup.title")}</h2>
              <p>{t("twoFactor.setup.scan")}</p>
              <img src={data.setup.qr} alt={t("twoFactor.setup.qrAlt")} width={200} height={200} />
              <p>
                {t("twoFactor.setup.secret")}: <code data-testid="two-factor-secret">{data.setup.secret}</code>
              </p>
              <details>
                <summary>{t("twoFactor.setup.uri")}</summary>
                <code className="break-all">{data.setup.uri}</code>
              </details>
            </>
          ) : (
            <Form method="post">
              <CsrfInput />
              <input type="hidden" name="intent" value="start" />
              <FormErrors errors={formErrorOf("start")} />
              <button type="submit" className="button primary">
                {t("twoFactor.start")}
              </button>
            </Form>
          )}
          {data?.setup || status.pending ? (
            <Form method="post">
              <CsrfInput />
              <input type="hidden" name="intent" value="confirm" />
              <h3>{t("twoFactor.setup.confirm")}</h3>
              <FormErrors errors={formErrorOf("confirm")} />
              <CodeField errors={errorsOf("confirm")?.code} id="confirm-code" />
              <button type="submit" className="button primary">
                {t("twoFactor.setup.submit")}
              </button>
            </Form>
          ) : null}
        </div>
      ) : (
        <>
          <div className="card narrow">
            <h2>{t("twoFactor.recovery.title")}</h2>
            <p data-testid="recovery-left">{t("twoFactor.recovery.left", { n: status.recoveryCodesLeft })}</p>
            <p>{t("twoFactor.recovery.regenerateIntro")}</p>
            <Form method="post">
              <CsrfInput />
              <input type="hidden" name="intent" value="regenerate" />
              <FormErrors errors={formErrorOf("regenerate")} />
              <CodeField errors={errorsOf("regenerate")?.code} id="regenerate-code" />
              <button type="submit" className="button">
                {t("twoFactor.recovery.regenerate")}
              </button>
            </Form>
          </div>
          <div className="card narrow">
            <h2>{t("twoFactor.disable.title")}</h2>
            <p>{t("twoFactor.disable.intro")}</p>
            <Form method="post">
              <CsrfInput />
              <input type="hidden" name="intent" value="disable" />
              <FormErrors errors={formErrorOf("disable")} />
              <CodeField errors={errorsOf("disable")?.code} id="disable-code" />
              <Field id="disable-password" label={t("twoFactor.disable.password")} errors={errorsOf("disable")?.password}>
                {(aria) => <input type="password" name="password" autoComplete="current-password" maxLength={200} {...aria} />}
              </Field>
              <button type="submit" className="button danger">
                {t("twoFactor.disable.submit")}
              </button>
            </Form>
          </div>
        </>
      )}
    </section>
  );
}
