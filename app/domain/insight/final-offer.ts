import { isOldEnough } from "./benchmarks";

// Which figures of an opened offer the benchmarks count (decision 0048, revisited): the version that was finally
// ranked — a BAFO round's final offer once that round has opened — but only once that figure is itself old enough
// to publish (90 Tokyo days from the round's deadline, when it opened). Until then the first-round figure, which
// was already old enough, still counts, so a vendor's point does not drop out of a cell for three months and the
// fresher BAFO figure is never published early. One offer, one point either way.

export interface OfferFigures {
  content: unknown;
  tco: number | null;
  openedAt: Date;
}

export function figuresCounted(first: OfferFigures, final: OfferFigures | null, now: Date): OfferFigures {
  return final && isOldEnough(final.openedAt, now) ? final : first;
}
