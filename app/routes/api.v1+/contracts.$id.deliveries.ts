import { apiRoute } from "~/api/route.server";
import { linesOf } from "~/domain/deliveries/deliveries";
import { t, translateOrPassThrough } from "~/i18n";
import { checkDeliveryUploads, contractDeliveries, readDeliveryForm, submitDelivery } from "~/services/deliveries.server";
import { json, problem, readJsonBody, statusProblem } from "~/utils/api.server";

// GET /api/v1/contracts/{id}/deliveries: every milestone of the contract with its delivery state and rounds, for
// either party (404 for anyone else). POST (the contract's vendor): a delivery of `milestoneIndex` with `note` and
// `links`, as JSON, or as multipart/form-data with the same fields (links one per line or repeated) and up to five
// `files` checked like attachments.

const fileUrl = (contractId: string, fileId: string) => `/api/v1/contracts/${contractId}/deliveries/files/${fileId}`;

export const { loader, action } = apiRoute(
  { id: true },
  {
    GET: async ({ context, caller, id }) => {
      const page = await contractDeliveries(context, caller.actor, id);
      if (!page.ok) return page;
      return json({
        contractId: page.contractId,
        side: page.side,
        active: page.active,
        terms: page.terms,
        milestones: page.milestones.map((m) => ({
          index: m.index,
          name: m.name,
          dueDate: m.dueDate,
          state: m.state,
          rounds: m.rounds.map((r) => ({ ...r, files: r.files.map((f) => ({ ...f, url: fileUrl(page.contractId, f.id) })) })),
        })),
      });
    },
    POST: async ({ request, context, caller, id, locale }) => {
      const type = (request.headers.get("Content-Type") ?? "").toLowerCase();
      let input: unknown;
      let files: Parameters<typeof submitDelivery>[4] = [];
      if (type.startsWith("multipart/form-data")) {
        let read: Awaited<ReturnType<typeof readDeliveryForm>>;
        try {
          read = await readDeliveryForm(request);
        } catch (thrown) {
          if (!(thrown instanceof Response)) throw thrown;
          if (thrown.status === 413)
            return problem(413, t(locale, "common.formHasErrors"), undefined, [{ path: "files", message: t(locale, "attachments.file.tooLarge") }]);
          return statusProblem(thrown.status, locale);
        }
        const checked = checkDeliveryUploads(read.files);
        if (!checked.ok)
          return problem(
            400,
            t(locale, "common.formHasErrors"),
            undefined,
            checked.keys.map((key) => ({ path: "files", message: translateOrPassThrough(locale, key) })),
          );
        files = checked.files;
        const index = String(read.formData.get("milestoneIndex") ?? "");
        input = {
          milestoneIndex: /^\d{1,3}$/.test(index) ? Number(index) : index,
          note: String(read.formData.get("note") ?? ""),
          links: read.formData.getAll("links").flatMap((l) => linesOf(String(l))),
        };
      } else {
        const read = await readJsonBody(request, locale);
        if (!read.ok) return read.response;
        input = read.data;
      }
      const done = await submitDelivery(context, caller.actor, id, input, files);
      if (!done.ok) return done;
      return json(done.delivery, { status: 201 });
    },
  },
);
