import { describe, expect, it } from "vitest";
import {
  applyPaymentEvent,
  displayStatus,
  initialPaymentState,
  hasOpenCardSession,
  nextCardAttempt,
  PAYMENT_STATUSES,
  paymentSummary,
  STATUS_MESSAGE,
  type PaymentEvent,
  type PaymentState,
  type PaymentStatus,
} from "./state";

const TOTAL = 110_000;
const fold = (events: readonly PaymentEvent[], start: PaymentState = initialPaymentState(TOTAL)) =>
  events.reduce((state, event) => applyPaymentEvent(state, event).state, start);
const statusAfter = (events: readonly PaymentEvent[], start?: PaymentState) => paymentSummary(fold(events, start)).status;

const bank = (receiptId: string, amount: number): PaymentEvent => ({ type: "bank_receipt", receiptId, amount });

// Every Stripe-driven event of one card attempt for the whole amount, as the webhook route will map them.
const STRIPE_EVENTS: Record<string, PaymentEvent> = {
  opened: { type: "checkout_session_opened", attempt: 1, amount: TOTAL },
  expired: { type: "checkout_session_expired", attempt: 1 },
  completedPaid: { type: "checkout_completed", attempt: 1, amount: TOTAL, paymentStatus: "paid" },
  completedUnpaid: { type: "checkout_completed", attempt: 1, amount: TOTAL, paymentStatus: "unpaid" },
  asyncSucceeded: { type: "async_payment_succeeded", attempt: 1, amount: TOTAL },
  asyncFailed: { type: "async_payment_failed", attempt: 1 },
  intentFailed: { type: "payment_intent_failed", attempt: 1 },
  refundedPart: { type: "charge_refunded", attempt: 1, chargeAmount: TOTAL, amountRefunded: 10_000 },
  refundedAll: { type: "charge_refunded", attempt: 1, chargeAmount: TOTAL, amountRefunded: TOTAL },
};
const STRIPE_NAMES = Object.keys(STRIPE_EVENTS);

/** How far along the money is; a state may never go to a lower rank. processing and issued are both "nothing received". */
const SETTLED: PaymentStatus[] = ["paid", "partially_refunded", "refunded", "cancelled"];

describe("bank transfer (請求書払い)", () => {
  it("a partial receipt keeps the invoice partly paid with the balance; the rest makes it paid", () => {
    const partly = fold([bank("r1", 40_000)]);
    expect(paymentSummary(partly)).toEqual({ status: "partially_paid", total: TOTAL, received: 40_000, refunded: 0, net: 40_000, balance: 70_000, credit: 0 });
    expect(paymentSummary(fold([bank("r2", 70_000)], partly))).toMatchObject({ status: "paid", balance: 0, credit: 0 });
  });

  it("an overpayment becomes a credit for the vendor's next invoice to the buyer", () => {
    expect(paymentSummary(fold([bank("r1", 100_000), bank("r2", 15_000)]))).toMatchObject({ status: "paid", balance: 0, credit: 5_000 });
  });

  it("the same receipt recorded twice counts once", () => {
    const once = fold([bank("r1", 40_000)]);
    const t = applyPaymentEvent(once, bank("r1", 40_000));
    expect(t.changed).toBe(false);
    expect(t.state).toBe(once);
    expect(paymentSummary(t.state).received).toBe(40_000);
  });

  it("refuses malformed money", () => {
    expect(() => applyPaymentEvent(initialPaymentState(TOTAL), bank("r1", 0))).toThrow(RangeError);
    expect(() => applyPaymentEvent(initialPaymentState(TOTAL), bank("r1", 10.5))).toThrow(RangeError);
    expect(() => initialPaymentState(0)).toThrow(RangeError);
    expect(() => applyPaymentEvent(initialPaymentState(TOTAL), { type: "async_payment_failed", attempt: 0 })).toThrow(RangeError);
    expect(() => applyPaymentEvent(initialPaymentState(TOTAL), { type: "charge_refunded", attempt: 1, chargeAmount: 100, amountRefunded: 101 })).toThrow(
      RangeError,
    );
  });
});

describe("card payment (Stripe Checkout)", () => {
  const E = STRIPE_EVENTS;

  it("an open session is no payment: the invoice stays unpaid until the webhook confirms; the redirect is no proof", () => {
    expect(statusAfter([E.opened])).toBe("issued");
    expect(hasOpenCardSession(fold([E.opened]))).toBe(true);
    expect(statusAfter([E.opened, E.completedPaid])).toBe("paid");
    expect(hasOpenCardSession(fold([E.opened, E.completedPaid]))).toBe(false);
  });

  it("an async method waits for its result; its failure makes the invoice payable again", () => {
    expect(statusAfter([E.opened, E.completedUnpaid])).toBe("processing");
    expect(statusAfter([E.opened, E.completedUnpaid, E.asyncSucceeded])).toBe("paid");
    const failed = fold([E.opened, E.completedUnpaid, E.asyncFailed]);
    expect(paymentSummary(failed).status).toBe("issued");
    expect(hasOpenCardSession(failed)).toBe(false);
    expect(nextCardAttempt(failed)).toBe(2);
  });

  it("a failed card try leaves the session open for another card; an expired session makes it payable again", () => {
    expect(statusAfter([E.opened, E.intentFailed])).toBe("issued");
    expect(hasOpenCardSession(fold([E.opened, E.intentFailed]))).toBe(true);
    expect(statusAfter([E.opened, E.intentFailed, E.completedPaid])).toBe("paid");
    expect(statusAfter([E.opened, E.expired])).toBe("issued");
    expect(hasOpenCardSession(fold([E.opened, E.expired]))).toBe(false);
  });

  it("a failure after success is ignored and reports no change", () => {
    const paid = fold([E.opened, E.completedPaid]);
    for (const late of [E.asyncFailed, E.intentFailed, E.expired, E.completedUnpaid]) {
      const t = applyPaymentEvent(paid, late);
      expect([t.changed, t.from, t.to]).toEqual([false, "paid", "paid"]);
    }
  });

  it("checkout.session.completed after charge.refunded leaves it refunded", () => {
    expect(statusAfter([E.opened, E.refundedAll, E.completedPaid])).toBe("refunded");
    expect(statusAfter([E.refundedPart, E.completedPaid])).toBe("partially_refunded");
    expect(paymentSummary(fold([E.refundedPart, E.completedPaid]))).toMatchObject({ received: TOTAL, refunded: 10_000, net: 100_000, balance: 0 });
  });

  it("refunds are cumulative: an older, smaller charge.refunded arriving late changes nothing", () => {
    const all = fold([E.completedPaid, E.refundedAll]);
    expect(applyPaymentEvent(all, E.refundedPart).changed).toBe(false);
    expect(paymentSummary(all).refunded).toBe(TOTAL);
  });

  it("bank money and a card payment for the same balance: the card amount beyond the total is a credit", () => {
    const s = fold([E.opened, bank("r1", TOTAL), E.completedPaid]);
    expect(paymentSummary(s)).toMatchObject({ status: "paid", received: 2 * TOTAL, credit: TOTAL });
  });
});

describe("overdue (derived from the due date)", () => {
  it("is overdue from the day after the due date while money is due, and not while processing, paid or cancelled", () => {
    expect(displayStatus(fold([]), "2026-12-31", "2026-12-31")).toBe("issued");
    expect(displayStatus(fold([]), "2026-12-31", "2027-01-01")).toBe("overdue");
    expect(displayStatus(fold([bank("r1", 1)]), "2026-12-31", "2027-01-01")).toBe("overdue");
    // An open Checkout Session pays nothing: still overdue. Money settling by an async method is not.
    expect(displayStatus(fold([STRIPE_EVENTS.opened]), "2026-12-31", "2027-01-01")).toBe("overdue");
    expect(displayStatus(fold([STRIPE_EVENTS.opened, STRIPE_EVENTS.completedUnpaid]), "2026-12-31", "2027-01-01")).toBe("processing");
    expect(displayStatus(fold([bank("r1", TOTAL)]), "2026-12-31", "2027-01-01")).toBe("paid");
    expect(displayStatus(fold([{ type: "correction_issued", correctionNumber: "X" }]), "2026-12-31", "2027-01-01")).toBe("cancelled");
  });

  it("has a message key for every status", () => {
    expect(Object.keys(STATUS_MESSAGE).sort()).toEqual([...PAYMENT_STATUSES, "overdue"].sort());
  });
});

describe("order-proof: every pair order of the Stripe events", () => {
  const starts: [string, PaymentState][] = [
    ["fresh", initialPaymentState(TOTAL)],
    ["partly paid by bank", fold([bank("r1", 30_000)])],
    ["session open", fold([STRIPE_EVENTS.opened])],
  ];

  for (const [startName, start] of starts) {
    it(`from ${startName}: a then b equals b then a, for all ${STRIPE_NAMES.length * (STRIPE_NAMES.length - 1)} ordered pairs`, () => {
      let pairs = 0;
      for (const a of STRIPE_NAMES) {
        for (const b of STRIPE_NAMES) {
          if (a === b) continue;
          const ab = fold([STRIPE_EVENTS[a], STRIPE_EVENTS[b]], start);
          const ba = fold([STRIPE_EVENTS[b], STRIPE_EVENTS[a]], start);
          expect(ab, `${a} → ${b} vs ${b} → ${a}`).toEqual(ba);
          pairs++;
        }
      }
      expect(pairs).toBe(72);
    });
  }

  it("each Stripe event is idempotent: delivered twice it is applied once", () => {
    for (const [, start] of starts) {
      for (const name of STRIPE_NAMES) {
        const once = fold([STRIPE_EVENTS[name]], start);
        const twice = applyPaymentEvent(once, STRIPE_EVENTS[name]);
        expect(twice.changed, name).toBe(false);
        expect(twice.state).toBe(once);
      }
    }
  });

  it("each pair gives the final status a person would expect", () => {
    const expected = (names: string[]): PaymentStatus => {
      if (names.includes("refundedAll")) return "refunded";
      if (names.includes("refundedPart")) return "partially_refunded";
      if (names.includes("completedPaid") || names.includes("asyncSucceeded")) return "paid";
      // A session's stage only moves up: open < expired < awaiting an async result < async failed.
      if (names.includes("asyncFailed")) return "issued";
      if (names.includes("completedUnpaid")) return "processing";
      // Opened, a card declined, expired: nothing was paid.
      return "issued";
    };
    for (const a of STRIPE_NAMES) {
      for (const b of STRIPE_NAMES) {
        if (a !== b) expect(statusAfter([STRIPE_EVENTS[a], STRIPE_EVENTS[b]]), `${a} → ${b}`).toBe(expected([a, b]));
      }
    }
  });

  it("every order of a full card lifecycle (720 permutations) ends in the same state, and no step moves backwards", () => {
    const lifecycle = [
      STRIPE_EVENTS.opened,
      STRIPE_EVENTS.intentFailed,
      STRIPE_EVENTS.completedUnpaid,
      STRIPE_EVENTS.asyncSucceeded,
      STRIPE_EVENTS.refundedPart,
      bank("r1", 5_000),
    ];
    const permutations = <T>(items: T[]): T[][] =>
      items.length <= 1 ? [items] : items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
    const all = permutations(lifecycle);
    expect(all).toHaveLength(720);
    const reference = fold(lifecycle);
    expect(paymentSummary(reference)).toMatchObject({ status: "partially_refunded", received: TOTAL + 5_000, refunded: 10_000 });
    for (const order of all) {
      let state = initialPaymentState(TOTAL);
      let received = 0;
      let refunded = 0;
      let settled = false;
      for (const event of order) {
        state = applyPaymentEvent(state, event).state;
        const summary = paymentSummary(state);
        expect(summary.received).toBeGreaterThanOrEqual(received);
        expect(summary.refunded).toBeGreaterThanOrEqual(refunded);
        if (settled) expect(SETTLED).toContain(summary.status);
        received = summary.received;
        refunded = summary.refunded;
        settled ||= SETTLED.includes(summary.status);
      }
      expect(state).toEqual(reference);
    }
  });
});
