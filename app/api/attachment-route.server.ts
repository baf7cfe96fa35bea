import { t, translateOrPassThrough, type Locale } from "~/i18n";
import { checkAttachmentUpload, readAttachmentForm, type CheckedAttachment } from "~/services/attachments.server";
import { problem, statusProblem } from "~/utils/api.server";

// The attachment endpoints' upload body: multipart/form-data with a `file` part (and, for RFQ files, text
// fields). Bearer tokens only, so no CSRF token. File problems are a 400 problem on `file` in the
// caller's language; a body far over the limit is a 413 problem saying the same.

export async function readApiUpload(
  request: Request,
  locale: Locale,
): Promise<{ ok: true; formData: FormData; file: CheckedAttachment } | { ok: false; response: Response }> {
  if (!(request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/form-data")) return { ok: false, response: statusProblem(415, locale) };
  let read: Awaited<ReturnType<typeof readAttachmentForm>>;
  try {
    read = await readAttachmentForm(request);
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    const errors = thrown.status === 413 ? [{ path: "file", message: t(locale, "attachments.file.tooLarge") }] : undefined;
    return { ok: false, response: errors ? problem(413, t(locale, "common.formHasErrors"), undefined, errors) : statusProblem(thrown.status, locale) };
  }
  const checked = checkAttachmentUpload(read.file);
  if (!checked.ok) {
    const errors = checked.keys.map((key) => ({ path: "file", message: translateOrPassThrough(locale, key) }));
    return { ok: false, response: problem(400, t(locale, "common.formHasErrors"), undefined, errors) };
  }
  return { ok: true, formData: read.formData, file: checked.file };
}

/** A file row as the API lists it, with the path that downloads it through the API. */
export function withDownloadUrl<T extends { id: string; uploadedAt: Date | string }>(base: string, file: T) {
  const { uploadedAt, ...rest } = file;
  return { ...rest, uploadedAt: new Date(uploadedAt).toISOString(), url: `${base}/${file.id}` };
}
