import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ContractTabs } from "~/components/contracts/contract-tabs";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors } from "~/components/field";
import { linesOf } from "~/domain/deliveries/deliveries";
import { t, translateOrPassThrough } from "~/i18n";
import { checkDeliveryUploads, contractDeliveries, inspectDelivery, readDeliveryForm, submitDelivery, type DeliveriesPage } from "~/services/deliveries.server";
import { requireUser } from "~/utils/auth.server";
import { assertCsrf } from "~/utils/csrf.server";
import { notFound, pageFailure } from "~/utils/errors";
import { formatDate } from "~/utils/format";
import { getLocale } from "~/utils/locale.server";
import { toastHeader } from "~/utils/toast.server";
import { useI18n } from "~/utils/use-i18n";

// /contracts/:id/deliveries (issue 17 item 1; decision 0039), the 「納品・検収」 tab for both parties: per milestone
// its due date, state and rounds (note, links, files), and the form for the side's next step — the vendor's
// delivery (multipart: note, links one per line, files), the buyer's accept / reject. Refusals at their fields.

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const page = await contractDeliveries(context, user.actor, params.id ?? "");
  if (!page.ok) throw notFound();
  const { ok: _ok, ...data } = page;
  return data;
}

type Answer = { target: string; values: Record<string, string>; formErrors: string[]; fieldErrors: Record<string, string[]> };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const locale = await getLocale(request, context);
  let read: Awaited<ReturnType<typeof readDeliveryForm>>;
  try {
    read = await readDeliveryForm(request);
  } catch (thrown) {
    if (thrown instanceof Response && thrown.status === 413)
      return json<Answer>(
        { target: "", values: {}, formErrors: [t(locale, "common.formHasErrors")], fieldErrors: { files: [t(locale, "attachments.file.tooLarge")] } },
        { status: 413 },
      );
    throw thrown;
  }
  await assertCsrf(request, read.formData, context);
  const form = read.formData;
  const intent = String(form.get("intent") ?? "");
  const contractId = params.id ?? "";
  const back = `/contracts/${contractId}/deliveries`;
  const toast = async (key: "deliveries.saved.delivered" | "deliveries.saved.accepted" | "deliveries.saved.rejected") =>
    redirect(back, { headers: { "Set-Cookie": await toastHeader(context, { key }) } });

  if (intent === "deliver") {
    const index = String(form.get("milestoneIndex") ?? "");
    const values = { note: String(form.get("note") ?? ""), links: String(form.get("links") ?? "") };
    const target = `deliver-${index}`;
    const files = checkDeliveryUploads(read.files);
    if (!files.ok)
      return json<Answer>(
        { target, values, formErrors: [t(locale, "common.formHasErrors")], fieldErrors: { files: files.keys.map((k) => translateOrPassThrough(locale, k)) } },
        { status: 400 },
      );
    const done = await submitDelivery(
      context,
      user.actor,
      contractId,
      { milestoneIndex: /^\d{1,3}$/.test(index) ? Number(index) : -1, note: values.note, links: linesOf(values.links) },
      files.files,
    );
    if (!done.ok && done.status === 404) throw notFound();
    if (!done.ok) return json<Answer>({ target, values, ...pageFailure(done, locale) }, { status: done.status });
    return toast("deliveries.saved.delivered");
  }
  if (intent === "accept" || intent === "reject") {
    const deliveryId = String(form.get("deliveryId") ?? "");
    const values = { reason: String(form.get("reason") ?? ""), acceptedOn: String(form.get("acceptedOn") ?? "") };
    const target = `inspect-${deliveryId}`;
    const input = intent === "accept" ? { decision: "accept", acceptedOn: values.acceptedOn } : { decision: "reject", reason: values.reason };
    const done = await inspectDelivery(context, user.actor, deliveryId, input);
    if (!done.ok && done.status === 404) throw notFound();
    if (!done.ok) return json<Answer>({ target, values, ...pageFailure(done, locale) }, { status: done.status });
    return toast(intent === "accept" ? "deliveries.saved.accepted" : "deliveries.saved.rejected");
  }
  throw notFound();
}

type Milestone = DeliveriesPage["milestones"][number];

function StateText({ m }: { m: Milestone }) {
  const { t, locale } = useI18n();
  const s = m.state;
  switch (s.kind) {
    case "not_delivered":
      return <>{t(s.overdue ? "deliveries.state.notDeliveredOverdue" : "deliveries.state.not_delivered")}</>;
    case "awaiting_inspection":
      return <>{t(s.windowPassed ? "deliveries.state.awaitingOverdue" : "deliveries.state.awaiting", { date: formatDate(s.windowEndsOn, locale) })}</>;
    case "rejected":
      return <>{t("deliveries.state.rejected", { reason: s.reason })}</>;
    case "accepted":
      return <>{t(s.deemed ? "deliveries.state.acceptedDeemed" : "deliveries.state.accepted", { date: formatDate(s.acceptedOn, locale) })}</>;
  }
}

function Rounds({ m, contractId }: { m: Milestone; contractId: string }) {
  const { t, locale } = useI18n();
  if (m.rounds.length === 0) return <p className="muted">{t("deliveries.rounds.none")}</p>;
  return (
    <ol className="stack plain">
      {m.rounds.map((r) => (
        <li key={r.id} className="card stack" data-testid={`delivery-round-${m.index}-${r.round}`}>
          <h4>
            {t("deliveries.round.title", { round: r.round })} ·{" "}
            <span className="muted">{t("deliveries.round.submitted", { date: formatDate(r.submittedOn, locale), name: r.submittedByName ?? "" })}</span>
          </h4>
          <p style={{ whiteSpace: "pre-wrap" }}>{r.note}</p>
          {r.links.length > 0 ? (
            <div>
              <strong>{t("deliveries.round.links")}</strong>
              <ul>
                {r.links.map((l) => (
                  <li key={l}>
                    <a href={l} rel="noopener noreferrer nofollow" target="_blank">
                      {l}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {r.files.length > 0 ? (
            <div>
              <strong>{t("deliveries.round.files")}</strong>
              <ul>
                {r.files.map((f) => (
                  <li key={f.id}>
                    <a href={`/contracts/${contractId}/deliveries/files/${f.id}`} download>
                      {f.name}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <p>
            {r.status === "pending"
              ? t("deliveries.round.pending")
              : r.status === "accepted"
                ? t(r.deemed ? "deliveries.round.acceptedDeemed" : "deliveries.round.accepted", { date: formatDate(r.decidedOn ?? r.submittedOn, locale) })
                : t("deliveries.round.rejected", { date: formatDate(r.decidedOn ?? r.submittedOn, locale), reason: r.rejectionReason ?? "" })}
          </p>
        </li>
      ))}
    </ol>
  );
}

function DeliverForm({ m, answer }: { m: Milestone; answer: Answer | undefined }) {
  const { t } = useI18n();
  const mine = answer?.target === `deliver-${m.index}` ? answer : undefined;
  const id = (name: string) => `${name}-${m.index}`;
  return (
    <Form method="post" encType="multipart/form-data" className="stack" data-testid={`deliver-form-${m.index}`}>
      <CsrfInput />
      <input type="hidden" name="intent" value="deliver" />
      <input type="hidden" name="milestoneIndex" value={m.index} />
      <FormErrors errors={mine?.formErrors} />
      <Field id={id("note")} label={t("deliveries.form.note")} errors={mine?.fieldErrors?.note}>
        {(aria) => <textarea name="note" rows={4} defaultValue={mine?.values.note} {...aria} />}
      </Field>
      <Field
        id={id("links")}
        label={t("deliveries.form.links")}
        errors={Object.entries(mine?.fieldErrors ?? {}).flatMap(([k, v]) => (k.startsWith("links") ? v : []))}
      >
        {(aria) => <textarea name="links" rows={2} defaultValue={mine?.values.links} {...aria} />}
      </Field>
      <Field id={id("files")} label={t("deliveries.form.files")} errors={mine?.fieldErrors?.files}>
        {(aria) => <input type="file" name="files" multiple {...aria} />}
      </Field>
      <button type="submit" className="button primary">
        {t(m.rounds.length > 0 ? "deliveries.form.redeliver" : "deliveries.form.deliver")}
      </button>
    </Form>
  );
}

function InspectForm({ m, answer, today }: { m: Milestone; answer: Answer | undefined; today: string }) {
  const { t } = useI18n();
  if (m.state.kind !== "awaiting_inspection") return null;
  const deliveryId = m.state.deliveryId;
  const mine = answer?.target === `inspect-${deliveryId}` ? answer : undefined;
  return (
    <div className="stack" data-testid={`inspect-form-${m.index}`}>
      <FormErrors errors={mine?.formErrors} />
      <Form method="post" className="inline-form">
        <CsrfInput />
        <input type="hidden" name="deliveryId" value={deliveryId} />
        <Field id={`acceptedOn-${m.index}`} label={t("deliveries.form.acceptedOn")} errors={mine?.fieldErrors?.acceptedOn}>
          {(aria) => <input type="date" name="acceptedOn" defaultValue={mine?.values.acceptedOn || today} max={today} {...aria} />}
        </Field>
        <button type="submit" name="intent" value="accept" className="button primary">
          {t("deliveries.form.accept")}
        </button>
      </Form>
      <Form method="post" className="stack">
        <CsrfInput />
        <input type="hidden" name="deliveryId" value={deliveryId} />
        <Field id={`reason-${m.index}`} label={t("deliveries.form.reason")} errors={mine?.fieldErrors?.reason}>
          {(aria) => <textarea name="reason" rows={3} defaultValue={mine?.values.reason} {...aria} />}
        </Field>
        <button type="submit" name="intent" value="reject" className="button">
          {t("deliveries.form.reject")}
        </button>
      </Form>
    </div>
  );
}

export default function DeliveriesRoute() {
  const d = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as Answer | undefined;
  const { t, locale } = useI18n();
  return (
    <article className="stack">
      <ContractTabs contractId={d.contractId} contractHref={d.contractHref} />
      <h1>{t("deliveries.page.title")}</h1>
      <p className="hint">{t("deliveries.page.intro")}</p>
      <section className="card stack" data-testid="inspection-terms">
        <h2>{t("deliveries.terms.title")}</h2>
        <p>{t("deliveries.terms.summary", { days: d.terms.inspectionDays })}</p>
        <p>{t(d.terms.deemedAcceptance ? "deliveries.terms.deemedOn" : "deliveries.terms.deemedOff")}</p>
      </section>
      {d.active ? null : <p>{t("deliveries.page.notActive")}</p>}
      {answer && answer.target === "" ? <FormErrors errors={[...answer.formErrors, ...(answer.fieldErrors.files ?? [])]} /> : null}
      {d.milestones.map((m) => (
        <section key={m.index} className="stack" data-testid={`delivery-milestone-${m.index}`}>
          <h2>
            {m.name} <span className="muted small">{t("deliveries.milestone.dueDate", { date: formatDate(m.dueDate, locale) })}</span>
          </h2>
          <p data-testid={`delivery-state-${m.index}`}>
            <strong>
              <StateText m={m} />
            </strong>
          </p>
          <Rounds m={m} contractId={d.contractId} />
          {m.canDeliver ? <DeliverForm m={m} answer={answer} /> : null}
          {m.canInspect ? <InspectForm m={m} answer={answer} today={d.today} /> : null}
        </section>
      ))}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
