import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { IntentButton } from "~/components/intent-button";
import { Field } from "~/components/field";
import { ApiTokenCreateSchema } from "~/domain/accounts";
import { apiTokensOf, createApiToken, revokeToken } from "~/services/api-tokens.server";
import { requirePermission, requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { formatDateTime } from "~/utils/format";
import { parseForm } from "~/utils/forms";
import { getLocale } from "~/utils/locale.server";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";
import { invariantResponse } from "~/utils/errors";

async function requireTokenManager(request: Request, context: LoaderFunctionArgs["context"]) {
  const user = await requireUser(request, context);
  const orgId = user.activeOrg?.id ?? "";
  requirePermission(user.actor, "organization:manageApiTokens", { type: "organization", id: orgId });
  return { user, orgId };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { orgId } = await requireTokenManager(request, context);
  return { tokens: await apiTokensOf(context, orgId) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request, context);
  const { user, orgId } = await requireTokenManager(request, context);
  const locale = await getLocale(request, context);
  if (formData.get("intent") === "revoke") {
    const revoked = await revokeToken(context, { userId: user.id, orgId }, String(formData.get("tokenId") ?? ""));
    invariantResponse(revoked);
    return json(
      { created: null, errors: null },
      { headers: { "Set-Cookie": await toastHeader(context, { key: "tokens.revoked", params: { name: revoked.name } }) } },
    );
  }
  const submission = parseForm(formData, ApiTokenCreateSchema, locale);
  if (submission.status !== "success") return json({ created: null, errors: submission.error }, { status: 400 });
  const created = await createApiToken(context, { userId: user.id, orgId }, submission.value.name);
  return json({ created: { name: created.name, value: created.value }, errors: null });
}

export default function TokensPage() {
  const { tokens } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t, locale } = useI18n();
  return (
    <div className="stack">
      <h2>{t("tokens.title")}</h2>
      <p>{t("tokens.intro")}</p>
      {data?.created ? (
        <div className="notice" role="status">
          <p>{t("tokens.created")}</p>
          <p>
            <code data-testid="new-token">{data.created.value}</code>
          </p>
        </div>
      ) : null}
      <Form method="post" className="inline-form">
        <CsrfInput />
        <Field id="token-name" label={t("tokens.name")} errors={data?.errors?.name}>
          {(aria) => <input type="text" name="name" maxLength={80} required {...aria} />}
        </Field>
        <button type="submit" className="button primary">
          {t("tokens.create")}
        </button>
      </Form>
      {tokens.length === 0 ? (
        <p>{t("tokens.none")}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("tokens.name")}</th>
              <th scope="col">{t("tokens.prefix")}</th>
              <th scope="col">{t("tokens.createdBy")}</th>
              <th scope="col">{t("tokens.lastUsed")}</th>
              <th scope="col">{t("tokens.status")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("tokens.revoke")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((tok) => (
              <tr key={tok.id}>
                <td>{tok.name}</td>
                <td>
                  <code>{tok.prefix}…</code>
                </td>
                <td>{tok.createdBy}</td>
                <td>{tok.last_used_at ? formatDateTime(tok.last_used_at, locale) : t("tokens.never")}</td>
                <td>{tok.revoked_at ? t("tokens.revokedStatus") : t("tokens.active")}</td>
                <td>
                  {tok.revoked_at ? null : (
                    <IntentButton intent="revoke" fields={{ tokenId: tok.id }} className="button danger small">
                      {t("tokens.revoke")}
                    </IntentButton>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
