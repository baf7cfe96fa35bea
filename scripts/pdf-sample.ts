// `npm run pdf:sample`: writes the 稟議書 and 発注書 sample PDFs (ja and en, short and long) to .data/samples/ so a
// person can look at them.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderApprovalPacketPdf, renderPurchaseOrderPdf } from "~/services/documents";
import { sampleApprovalPacket, samplePurchaseOrder } from "../tests/fixtures/documents";

const dir = join(process.cwd(), ".data", "samples");
mkdirSync(dir, { recursive: true });
for (const locale of ["ja", "en"] as const) {
  const files: [string, Buffer][] = [
    [`ringi-${locale}.pdf`, await renderApprovalPacketPdf(sampleApprovalPacket(locale), locale)],
    [`ringi-long-${locale}.pdf`, await renderApprovalPacketPdf(sampleApprovalPacket(locale, { extraVendors: 40 }), locale)],
    [`purchase-order-${locale}.pdf`, await renderPurchaseOrderPdf(samplePurchaseOrder(locale), locale)],
    [`purchase-order-long-${locale}.pdf`, await renderPurchaseOrderPdf(samplePurchaseOrder(locale, { extraLines: 45 }), locale)],
  ];
  for (const [name, bytes] of files) {
    writeFileSync(join(dir, name), bytes);
    console.log(`${join(".data", "samples", name)} (${Math.round(bytes.length / 1024)} kB)`);
  }
}
