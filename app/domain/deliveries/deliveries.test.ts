import { describe, expect, it } from "vitest";
import {
  acceptanceFacts,
  deemedAcceptanceDue,
  DeliveryInput,
  deliveredOnTime,
  inspectionWindowEnd,
  InspectionInput,
  milestoneDeliveryState,
  vendorReminderKind,
  windowClosingSoon,
  type DeliveryRound,
} from "./deliveries";

const round = (n: number, status: DeliveryRound["status"], extra: Partial<DeliveryRound> = {}): DeliveryRound => ({
  id: `d${n}`,
  round: n,
  status,
  submittedOn: "2027-03-01",
  windowEndsOn: "2027-03-11",
  decidedOn: status === "pending" ? null : "2027-03-05",
  deemed: false,
  rejectionReason: status === "rejected" ? `理由${n}` : null,
  ...extra,
});

describe("the inspection window", () => {
  it("counts a municipality's milestone days as the law counts them: the notice day not counted (初日不算入)", () => {
    // 支払遅延防止法 第5条: notice received 2027-04-01 → inspection by 2027-04-11.
    expect(inspectionWindowEnd("municipality", "2027-04-01", 10, 30)).toBe("2027-04-11");
    expect(inspectionWindowEnd("municipality", "2027-04-01", 7, 30)).toBe("2027-04-08");
  });

  it("never lets a municipality's contract default exceed the legal 10 days", () => {
    expect(inspectionWindowEnd("municipality", "2027-04-01", null, 30)).toBe("2027-04-11");
    expect(inspectionWindowEnd("municipality", "2027-04-01", undefined, 5)).toBe("2027-04-06");
  });

  it("uses the milestone's days for a company, else the contract's default, in calendar days (weekends included)", () => {
    expect(inspectionWindowEnd("company", "2027-04-30", 14, 10)).toBe("2027-05-14");
    expect(inspectionWindowEnd("company", "2027-04-30", null, 10)).toBe("2027-05-10");
    // Across a year end.
    expect(inspectionWindowEnd("company", "2027-12-28", null, 10)).toBe("2028-01-07");
  });

  it("is deemed accepted only from the day after the window's last day", () => {
    expect(deemedAcceptanceDue("2027-04-11", "2027-04-11")).toBe(false);
    expect(deemedAcceptanceDue("2027-04-11", "2027-04-12")).toBe(true);
  });

  it("warns the buyer on the day before and on the last day, not earlier or later", () => {
    expect(windowClosingSoon("2027-04-11", "2027-04-09")).toBe(false);
    expect(windowClosingSoon("2027-04-11", "2027-04-10")).toBe(true);
    expect(windowClosingSoon("2027-04-11", "2027-04-11")).toBe(true);
    expect(windowClosingSoon("2027-04-11", "2027-04-12")).toBe(false);
  });
});

describe("on time", () => {
  it("is a delivery submitted on or before the due date", () => {
    expect(deliveredOnTime("2027-03-31", "2027-03-31")).toBe(true);
    expect(deliveredOnTime("2027-03-30", "2027-03-31")).toBe(true);
    expect(deliveredOnTime("2027-04-01", "2027-03-31")).toBe(false);
  });

  it("yields one trial with one or zero successes, and the rejections before acceptance as revision rounds", () => {
    expect(acceptanceFacts({ submittedOn: "2027-03-31", dueDate: "2027-03-31", rejectionsBefore: 0 })).toEqual([
      { kpiKey: "on_time_rate", successes: 1, trials: 1 },
      { kpiKey: "revision_rounds", value: 0 },
    ]);
    expect(acceptanceFacts({ submittedOn: "2027-04-02", dueDate: "2027-03-31", rejectionsBefore: 2 })).toEqual([
      { kpiKey: "on_time_rate", successes: 0, trials: 1 },
      { kpiKey: "revision_rounds", value: 2 },
    ]);
  });
});

describe("a milestone's state from its rounds", () => {
  it("is not delivered without rounds, overdue after the due date", () => {
    expect(milestoneDeliveryState([], "2027-03-31", "2027-03-31")).toEqual({ kind: "not_delivered", overdue: false });
    expect(milestoneDeliveryState([], "2027-03-31", "2027-04-01")).toEqual({ kind: "not_delivered", overdue: true });
  });

  it("awaits inspection while the last round is pending, and says when the window has passed", () => {
    const rounds = [round(1, "rejected"), round(2, "pending", { windowEndsOn: "2027-03-20" })];
    expect(milestoneDeliveryState(rounds, "2027-03-31", "2027-03-20")).toEqual({
      kind: "awaiting_inspection",
      deliveryId: "d2",
      windowEndsOn: "2027-03-20",
      windowPassed: false,
    });
    expect(milestoneDeliveryState(rounds, "2027-03-31", "2027-03-21")).toMatchObject({ windowPassed: true });
  });

  it("is rejected with the last reason until redelivered", () => {
    expect(milestoneDeliveryState([round(2, "rejected"), round(1, "rejected")], "2027-03-31", "2027-03-10")).toEqual({
      kind: "rejected",
      deliveryId: "d2",
      reason: "理由2",
      overdue: false,
    });
  });

  it("is accepted with the rejections before it as revision rounds, on time by the accepted round's date", () => {
    const rounds = [
      round(1, "rejected", { submittedOn: "2027-03-20" }),
      round(2, "rejected", { submittedOn: "2027-03-28" }),
      round(3, "accepted", { submittedOn: "2027-04-02", decidedOn: "2027-04-05", deemed: true }),
    ];
    expect(milestoneDeliveryState(rounds, "2027-03-31", "2027-04-10")).toEqual({
      kind: "accepted",
      deliveryId: "d3",
      acceptedOn: "2027-04-05",
      deemed: true,
      revisionRounds: 2,
      onTime: false,
    });
  });
});

describe("the vendor's reminders", () => {
  it("is due soon within 3 business days of the due date, overdue after it", () => {
    // 2027-03-26 is a Friday: Mon 29, Tue 30, Wed 31 are the three business days up to the due date.
    expect(vendorReminderKind("2027-03-31", "2027-03-25", "company")).toBe(null);
    expect(vendorReminderKind("2027-03-31", "2027-03-26", "company")).toBe("due_soon");
    expect(vendorReminderKind("2027-03-31", "2027-03-31", "company")).toBe("due_soon");
    expect(vendorReminderKind("2027-03-31", "2027-04-01", "company")).toBe("overdue");
  });
});

describe("inputs", () => {
  it("requires a note and takes 0–10 http(s) links", () => {
    expect(DeliveryInput.safeParse({ milestoneIndex: 0, note: "  " }).error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["note", "deliveries.note.required"],
    ]);
    expect(DeliveryInput.parse({ milestoneIndex: 0, note: "報告書" })).toEqual({ milestoneIndex: 0, note: "報告書", links: [] });
    const bad = DeliveryInput.safeParse({ milestoneIndex: 0, note: "x", links: ["https://ok.example/a", "javascript:alert(1)", "ftp://x.example"] });
    expect(bad.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["links.1", "deliveries.link.invalid"],
      ["links.2", "deliveries.link.invalid"],
    ]);
    const many = DeliveryInput.safeParse({ milestoneIndex: 0, note: "x", links: Array.from({ length: 11 }, (_, i) => `https://x.example/${i}`) });
    expect(many.error?.issues.map((i) => i.message)).toEqual(["deliveries.links.tooMany"]);
  });

  it("requires a reason to reject, none to accept", () => {
    expect(InspectionInput.safeParse({ decision: "reject", reason: "" }).error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["reason", "deliveries.reason.required"],
    ]);
    expect(InspectionInput.parse({ decision: "accept" })).toEqual({ decision: "accept" });
    expect(InspectionInput.safeParse({ decision: "maybe" }).success).toBe(false);
  });
});
