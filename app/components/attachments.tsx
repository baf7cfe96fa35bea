import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { CsrfInput } from "~/components/csrf-input";
import { Field, FormErrors } from "~/components/field";
import { formatDateTime, formatNumber } from "~/utils/format";
import { useI18n } from "~/utils/use-i18n";
import type { Locale } from "~/i18n";

// The attachment lists and the upload form, for RFQ files (buyer, vendors, advisors) and quote files
// (the vendor, and the buyer's side once opened). Downloads are plain links to routes that authorize
// every request; forms post multipart and work without JavaScript.

export interface AttachmentItem {
  id: string;
  name: string;
  size: number;
  uploadedAt: string;
  kind?: string;
  state?: string;
  rfqVersion?: number;
  lastVersion?: number;
  supersededIn?: number;
}

export function formatFileSize(bytes: number, locale: Locale): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(bytes / 1024, locale, 1)} KB`;
  return `${formatNumber(bytes / (1024 * 1024), locale, 1)} MB`;
}

function StateText({ file }: { file: AttachmentItem }) {
  const { t } = useI18n();
  const range = { from: file.rfqVersion ?? 1, to: file.lastVersion ?? 1, n: file.supersededIn ?? 1 };
  switch (file.state) {
    case "pending":
      return <>{t("attachments.state.pending")}</>;
    case "pendingRemoval":
      return <>{t("attachments.state.pendingRemoval")}</>;
    case "replaced":
      return <>{t("attachments.state.replaced", range)}</>;
    case "removed":
      return <>{t("attachments.state.removed", range)}</>;
    default:
      return <>{t("attachments.state.current", { n: file.rfqVersion ?? 1 })}</>;
  }
}

/** A table of files with their download links; `action` renders a control per row (e.g. delete). */
export function AttachmentTable({
  files,
  href,
  versioned = false,
  action,
  testId,
}: {
  files: AttachmentItem[];
  href: (file: AttachmentItem) => string;
  versioned?: boolean;
  action?: (file: AttachmentItem) => ReactNode;
  testId?: string;
}) {
  const { t, translateOrPassThrough, locale } = useI18n();
  if (files.length === 0) return <p className="hint">{t("attachments.none")}</p>;
  return (
    <div className="table-scroll">
      <table className="table" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{t("attachments.col.name")}</th>
            {versioned ? <th scope="col">{t("attachments.col.kind")}</th> : null}
            <th scope="col">{t("attachments.col.size")}</th>
            {versioned ? <th scope="col">{t("attachments.col.state")}</th> : <th scope="col">{t("attachments.col.uploaded")}</th>}
            {action ? <th scope="col" /> : null}
          </tr>
        </thead>
        <tbody>
          {files.map((file) => (
            <tr key={file.id}>
              <td>
                <a href={href(file)} download>
                  {file.name}
                </a>
              </td>
              {versioned ? <td>{file.kind ? translateOrPassThrough(`attachments.kind.${file.kind}`) : null}</td> : null}
              <td>{formatFileSize(file.size, locale)}</td>
              <td>{versioned ? <StateText file={file} /> : formatDateTime(file.uploadedAt, locale)}</td>
              {action ? <td>{action(file)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A card listing files with a link to the page where they are managed or listed in full. */
export function AttachmentsCard({ intro, children, link }: { intro?: string; children: ReactNode; link?: { to: string; label: string } }) {
  const { t } = useI18n();
  return (
    <section className="card" aria-labelledby="attachments-title">
      <h2 id="attachments-title">{t("attachments.title")}</h2>
      {intro ? <p className="hint">{intro}</p> : null}
      {children}
      {link ? (
        <p>
          <Link to={link.to}>{link.label}</Link>
        </p>
      ) : null}
    </section>
  );
}

export type UploadErrors = { formErrors?: string[] | null; fieldErrors?: Record<string, string[]> | null } | undefined;

/** The multipart upload form: the file, and for RFQ files their kind and the file they replace. */
export function UploadForm({ errors, kinds, replaceable }: { errors: UploadErrors; kinds?: readonly string[]; replaceable?: { id: string; name: string }[] }) {
  const { t, translateOrPassThrough } = useI18n();
  const fieldErrors = errors?.fieldErrors ?? {};
  return (
    <Form method="post" encType="multipart/form-data" className="card stack" aria-labelledby="upload-title">
      <h2 id="upload-title">{t("attachments.upload.title")}</h2>
      <FormErrors errors={errors?.formErrors} />
      <CsrfInput />
      <input type="hidden" name="intent" value="upload" />
      <Field id="attachment-file" label={t("attachments.upload.file")} hint={t("attachments.upload.fileHint")} errors={fieldErrors.file}>
        {(aria) => <input type="file" name="file" required accept=".pdf,.docx,.xlsx,.pptx,.png,.jpg,.jpeg" {...aria} />}
      </Field>
      {kinds ? (
        <Field id="attachment-kind" label={t("attachments.upload.kind")} errors={fieldErrors.kind}>
          {(aria) => (
            <select name="kind" defaultValue={kinds[0]} {...aria}>
              {kinds.map((kind) => (
                <option key={kind} value={kind}>
                  {translateOrPassThrough(`attachments.kind.${kind}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      {replaceable && replaceable.length > 0 ? (
        <Field id="attachment-replaces" label={t("attachments.upload.replaces")} errors={fieldErrors.replaces}>
          {(aria) => (
            <select name="replaces" defaultValue="" {...aria}>
              <option value="">{t("attachments.upload.replacesNone")}</option>
              {replaceable.map((file) => (
                <option key={file.id} value={file.id}>
                  {file.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      <p>
        <button type="submit">{t("attachments.upload.submit")}</button>
      </p>
    </Form>
  );
}

/** A one-button form that deletes a file. */
export function DeleteAttachmentButton({ id }: { id: string }) {
  const { t } = useI18n();
  return (
    <Form method="post">
      <CsrfInput />
      <input type="hidden" name="intent" value="delete" />
      <input type="hidden" name="attachmentId" value={id} />
      <button type="submit">{t("attachments.delete")}</button>
    </Form>
  );
}

/** The RFQ page's list of the files of its current version, with the link to all of them (and, for the buyer, to manage them). */
export function RfqAttachmentsSection({ data }: { data: { rfqId: string; as: string; canManage: boolean; current: AttachmentItem[] } }) {
  const { t } = useI18n();
  const to = `/rfqs/${data.rfqId}/attachments`;
  return (
    <AttachmentsCard link={{ to, label: t(data.canManage ? "attachments.manage" : "attachments.open") }}>
      <AttachmentTable files={data.current} href={(file) => `${to}/${file.id}`} versioned testId="rfq-attachments-summary" />
    </AttachmentsCard>
  );
}

/** A quote's files on a quote page: the vendor's (with the link to manage them) or, once opened, the buyer's view. */
export function QuoteAttachmentsSection({ quoteId, files, manageTo, intro }: { quoteId: string; files: AttachmentItem[]; manageTo?: string; intro?: string }) {
  const { t } = useI18n();
  return (
    <AttachmentsCard intro={intro} link={manageTo ? { to: manageTo, label: t("attachments.manage") } : undefined}>
      <AttachmentTable files={files} href={(file) => `/quotes/${quoteId}/attachments/${file.id}`} testId="quote-attachments-summary" />
    </AttachmentsCard>
  );
}
