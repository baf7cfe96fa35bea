import type { AppContext } from "~/utils/context.server";
import { t, translateOrPassThrough, type Locale } from "~/i18n";
import { checkAttachmentUpload, readAttachmentForm } from "~/services/attachments.server";
import { assertCsrf } from "~/utils/csrf.server";
import { getLocale } from "~/utils/locale.server";

// The attachment pages' actions read a multipart body: bounded (a file a little over the limit is read
// and refused by the size check; a body over twice the limit is cut off), CSRF-checked like readForm, and
// a file too large to read is answered on the page as a field message in the reader's language, not as 413 text.

export type AttachmentPageErrors = { formErrors: string[]; fieldErrors: Record<string, string[]> };

export type AttachmentPost =
  | { ok: true; locale: Locale; intent: string; formData: FormData; upload: Awaited<ReturnType<typeof readAttachmentForm>>["file"] }
  | { ok: false; status: number; errors: AttachmentPageErrors };

export async function readAttachmentPost(request: Request, context: AppContext): Promise<AttachmentPost> {
  const locale = await getLocale(request, context);
  let read: Awaited<ReturnType<typeof readAttachmentForm>>;
  try {
    read = await readAttachmentForm(request);
  } catch (thrown) {
    if (thrown instanceof Response && thrown.status === 413)
      return {
        ok: false,
        status: 413,
        errors: { formErrors: [t(locale, "common.formHasErrors")], fieldErrors: { file: [t(locale, "attachments.file.tooLarge")] } },
      };
    throw thrown;
  }
  await assertCsrf(request, read.formData, context);
  return { ok: true, locale, intent: String(read.formData.get("intent") ?? ""), formData: read.formData, upload: read.file };
}

/** The upload's file problems as the page shows them, beside the `file` field. */
export function fileErrors(locale: Locale, upload: Parameters<typeof checkAttachmentUpload>[0]) {
  const checked = checkAttachmentUpload(upload);
  return checked.ok ? { checked: checked.file, errors: null } : { checked: null, errors: checked.keys.map((key) => translateOrPassThrough(locale, key)) };
}
