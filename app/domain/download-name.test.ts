import { describe, expect, it } from "vitest";
import { contentDisposition, downloadName } from "./download-name";
import { toCsv } from "./comparison/export-table";

describe("downloadName", () => {
  it.each([
    ["report.html", ["pdf"], "report.pdf"],
    ["invoice\u202efdp.exe", ["pdf"], "invoicefdp.pdf"],
    ["scan", ["png"], "scan.png"],
    ["photo.JPEG", ["jpg", "jpeg"], "photo.jpeg"],
    ["photo.gif", ["jpg", "jpeg"], "photo.jpg"],
    ["C:\\Users\\me\\見積書.pdf", ["pdf"], "見積書.pdf"],
    ["../../etc/passwd", ["pdf"], "passwd.pdf"],
    ["\u2066evil\u2069.pdf", ["pdf"], "evil.pdf"],
    ["", ["pdf"], "download.pdf"],
    ["...", ["pdf"], "download.pdf"],
  ] as const)("%j as %j → %j", (name, extensions, expected) => {
    expect(downloadName(name, extensions as unknown as [string, ...string[]])).toBe(expected);
  });
});

describe("contentDisposition (RFC 6266)", () => {
  it("gives an ASCII fallback and the UTF-8 name, without bidi controls or header-breaking characters", () => {
    expect(contentDisposition("見積=最終;版.pdf")).toBe(
      `attachment; filename="_______.pdf"; filename*=UTF-8''%E8%A6%8B%E7%A9%8D%3D%E6%9C%80%E7%B5%82%3B%E7%89%88.pdf`,
    );
    expect(contentDisposition('a"b\r\nc\u202e.pdf')).toBe(`attachment; filename="a_bc.pdf"; filename*=UTF-8''a_bc.pdf`);
  });
});

describe("CSV formula neutralisation", () => {
  it.each(["=1+1", "+1", "-1", "@SUM(A1)", "|calc", "\tx", "\rx", '＝HYPERLINK("x")', "＋1", "－1", "＠SUM(A1)", "｜calc", " =1", "\u3000＝1", "−1"])(
    "prefixes %j with a quote",
    (value) => {
      const csv = toCsv({ header: ["h"], rows: [[{ value }]] });
      const cell = csv.split("\r\n")[1];
      expect(cell.replace(/^"/, "").startsWith("'")).toBe(true);
    },
  );

  it("leaves ordinary text and numbers alone", () => {
    expect(toCsv({ header: ["h"], rows: [[{ value: "株式会社" }], [{ value: -5 }]] })).toBe("\uFEFFh\r\n株式会社\r\n-5\r\n");
  });
});
