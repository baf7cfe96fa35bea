import { z } from "zod";
import type { PriceRuleMessageKey } from "~/i18n/messages-price-rules";

/**
 * A public buyer's price rules (issue 19, item 3; decision 0049): a municipality's RFQ may set a 予定価格
 * (ceiling price) and either a 最低制限価格 (minimum price: below it a quote is disqualified) or a
 * 低入札価格調査基準価格 (investigation price: below it a quote stays in the ranking but must pass a
 * low-bid investigation before it can be awarded).
 *
 * Each price names its tax basis, and a quote is compared on that same basis: its contract value excluding or
 * including tax from the normalized quote (app/domain/quote/normalize.ts) — never its TCO, which adds the
 * buyer's own hidden costs. Bounds are inclusive the way 地方自治法施行令 reads them: a quote equal to the
 * ceiling is within it ("予定価格の制限の範囲内"), a quote equal to the minimum is not below it.
 *
 * These prices are the buyer's alone: not in the vendor projection (vendor-view.ts is an allow-list and does
 * not pick them), and redacted in the audit log until the quotes are opened (audit/price-rules-redaction.ts).
 */

export const PRICE_TAX_BASES = ["excluded", "included"] as const;
export type PriceTaxBasis = (typeof PRICE_TAX_BASES)[number];
export const PRICE_FLOOR_KINDS = ["minimum", "investigation"] as const;
export type PriceFloorKind = (typeof PRICE_FLOOR_KINDS)[number];

const err = (key: PriceRuleMessageKey) => ({ error: key });

/** Whole yen above zero: a price of ¥0 would disqualify every quote or none. */
const priceYen = z
  .number(err("priceRules.yen.invalid"))
  .int(err("priceRules.yen.invalid"))
  .min(1, err("priceRules.yen.invalid"))
  .max(Number.MAX_SAFE_INTEGER, err("priceRules.yen.invalid"));

const taxBasis = z.enum(PRICE_TAX_BASES, err("priceRules.taxBasis.invalid"));

export const priceFloorSchema = z.object({
  kind: z.enum(PRICE_FLOOR_KINDS, err("priceRules.floor.kind.invalid")),
  yen: priceYen,
  taxBasis,
});

export const publicPriceRulesSchema = z
  .object({
    ceilingYen: priceYen,
    ceilingTaxBasis: taxBasis,
    floor: priceFloorSchema.optional(),
  })
  .superRefine((rules, ctx) => {
    if (!rules.floor) return;
    // Compared on one basis only: the RFQ has no tax rate of its own to convert with, and an officer sets
    // both prices from one 積算 anyway.
    if (rules.floor.taxBasis !== rules.ceilingTaxBasis) {
      ctx.addIssue({ code: "custom", message: "priceRules.floor.taxBasisDiffers", path: ["floor", "taxBasis"] });
    } else if (rules.floor.yen >= rules.ceilingYen) {
      ctx.addIssue({ code: "custom", message: "priceRules.floor.notBelowCeiling", path: ["floor", "yen"] });
    }
  });

export type PublicPriceRules = z.output<typeof publicPriceRulesSchema>;

/** The two contract values of a normalized quote (TcoBreakdown), integer yen. */
export interface ContractValues {
  contractValueExcludingTax: number;
  contractValueIncludingTax: number;
}

export function contractValueOn(basis: PriceTaxBasis, values: ContractValues): number {
  return basis === "included" ? values.contractValueIncludingTax : values.contractValueExcludingTax;
}

export interface PriceRuleCheck {
  /** False when the contract value is above the 予定価格 (disqualified: 予定価格超過). */
  withinCeiling: boolean;
  /** False when there is a 最低制限価格 and the contract value is below it (disqualified: 最低制限価格未満). */
  atOrAboveMinimum: boolean;
  /** True when there is a 低入札価格調査基準価格 and the contract value is below it (flagged, not disqualified). */
  lowBidInvestigation: boolean;
}

/** How one quote stands against the rules (equal to a bound is within it). */
export function checkPriceRules(rules: PublicPriceRules, values: ContractValues): PriceRuleCheck {
  const floor = rules.floor;
  const floorValue = floor ? contractValueOn(floor.taxBasis, values) : null;
  return {
    withinCeiling: contractValueOn(rules.ceilingTaxBasis, values) <= rules.ceilingYen,
    atOrAboveMinimum: !(floor?.kind === "minimum" && floorValue !== null && floorValue < floor.yen),
    lowBidInvestigation: floor?.kind === "investigation" && floorValue !== null && floorValue < floor.yen,
  };
}

/** Whether a quote is subject to a low-bid investigation; false without rules. */
export function needsLowBidInvestigation(rules: PublicPriceRules | undefined, values: ContractValues): boolean {
  return rules ? checkPriceRules(rules, values).lowBidInvestigation : false;
}
