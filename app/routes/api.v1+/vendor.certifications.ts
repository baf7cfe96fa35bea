import type { core } from "zod";
import { VendorCertificationListResponse, toVendorCertificationResponse } from "~/api/openapi-certifications";
import { apiRoute } from "~/api/route.server";
import { can, type Actor } from "~/domain/permissions";
import { isMessageKey, t, translateOrPassThrough, type Locale } from "~/i18n";
import { localizeZodIssue } from "~/i18n/zod-errors";
import { addCertification, certificationFormFor, checkEvidenceUpload, readCertificationForm, certificationsOf } from "~/services/certifications.server";
import { apiForbidden, asProblemOnThrow, inputProblem, json, parseApiInput, problem, readJsonBody } from "~/utils/api.server";

// GET: the calling vendor organisation's certificates and invoice registration number.
// POST: add one — JSON without a file, or multipart/form-data with an `evidence` file. Bearer tokens are
// not sent by browsers on their own, so no CSRF token is needed here.

const FIELDS = ["type", "number", "issuer", "validFrom", "validUntil"] as const;

function vendorOrgId(actor: Actor): string | null {
  const orgId = actor.org?.id;
  return orgId && can(actor, "certification:manage", { type: "certifications", orgId }) ? orgId : null;
}

/** The body as plain fields plus the file: multipart keeps only known text fields, so the schema sees the same shape as JSON. */
async function readBody(request: Request, locale: Locale) {
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    const read = await asProblemOnThrow(locale, () => readCertificationForm(request));
    if (!read.ok) return read;
    const { formData, evidence } = read.value;
    const fields = Object.fromEntries(FIELDS.flatMap((name) => (typeof formData.get(name) === "string" ? [[name, formData.get(name)]] : [])));
    return { ok: true, fields, evidence } as const;
  }
  const body = await readJsonBody(request, locale);
  if (!body.ok) return body;
  return { ok: true, fields: body.data, evidence: null } as const;
}

export const { loader, action } = apiRoute(
  {},
  {
    GET: async ({ context, caller }) => {
      const orgId = vendorOrgId(caller.actor);
      if (!orgId) return apiForbidden(caller.locale);
      const { rows, invoiceRegistrationNumber } = await certificationsOf(context, orgId);
      return json(VendorCertificationListResponse.parse({ data: rows.map(toVendorCertificationResponse), invoiceRegistrationNumber }));
    },
    // Multipart or JSON: the body is read here, not by withBody.
    POST: async ({ request, context, caller, locale }) => {
      if (!vendorOrgId(caller.actor)) return apiForbidden(locale);
      const body = await readBody(request, locale);
      if (!body.ok) return body.response;

      // Unknown keys are refused so a typo ("validTo", a base64 "evidence" in JSON) is not silently dropped.
      const input = parseApiInput((await certificationFormFor(context)).strict(), body.fields, locale);
      const file = checkEvidenceUpload(body.evidence);
      if (!input.success && file.ok) return inputProblem(input.error.issues, locale);
      if (!file.ok) {
        // Field and file problems together, so a client fixes everything in one round.
        const fieldErrors = input.success ? [] : inputErrors(input.error.issues, locale);
        const evidenceErrors = file.keys.map((key) => ({ path: "evidence", message: translateOrPassThrough(locale, key) }));
        return problem(400, t(locale, "common.formHasErrors"), undefined, [...fieldErrors, ...evidenceErrors]);
      }
      if (!input.success) return inputProblem(input.error.issues, locale);
      const created = await addCertification(context, caller.actor, input.data, file.evidence);
      if (!created.ok) return apiForbidden(locale);
      return json(toVendorCertificationResponse(created.certification), { status: 201 });
    },
  },
);

function inputErrors(issues: readonly core.$ZodIssue[], locale: Locale) {
  return issues.map((issue) => ({
    path: issue.path.map(String).join("."),
    message: isMessageKey(issue.message) ? localizeZodIssue(issue, locale) : issue.message,
  }));
}
