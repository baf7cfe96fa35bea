import { describe, expect, it } from "vitest";
import { t } from "~/i18n";
import { todosByContract } from "./todos";

describe("todosByContract", () => {
  it("groups open items by contract in the order of the work, each leading to its tab", () => {
    const todos = todosByContract([
      { contractId: "c1", kind: "review_due", count: 1 },
      { contractId: "c1", kind: "inspection_pending", count: 2 },
      { contractId: "c2", kind: "measurement_pending", count: 3 },
      { contractId: "c1", kind: "change_pending", count: 1 },
    ]);
    expect(todos.c1!.map((x) => [x.kind, x.count, x.href])).toEqual([
      ["inspection_pending", 2, "/contracts/c1/deliveries"],
      ["change_pending", 1, "/contracts/c1/changes"],
      ["review_due", 1, "/contracts/c1/reviews"],
    ]);
    expect(todos.c2).toEqual([{ kind: "measurement_pending", count: 3, label: "afterAward.todo.measurement_pending", href: "/contracts/c2/measurements" }]);
  });

  it("drops kinds it has no words for and empty counts", () => {
    expect(
      todosByContract([
        { contractId: "c1", kind: "unknown", count: 1 },
        { contractId: "c1", kind: "rating_due", count: 0 },
      ]),
    ).toEqual({});
  });

  it("has words in both languages for every kind the features report", () => {
    const kinds = [
      "delivery_due",
      "delivery_rejected",
      "inspection_pending",
      "measurement_missing",
      "measurement_disputed",
      "measurement_pending",
      "change_pending",
      "review_due",
      "review_comment",
      "rating_due",
    ];
    const todos = todosByContract(kinds.map((kind) => ({ contractId: "c", kind, count: 1 })));
    expect(todos.c!.map((x) => x.kind).sort()).toEqual([...kinds].sort());
    for (const x of todos.c!) {
      expect(t("ja", x.label)).not.toBe(x.label);
      expect(t("en", x.label)).not.toBe(x.label);
    }
  });
});
