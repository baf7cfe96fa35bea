/**
 * mulberry32: a tiny 32-bit generator. Chosen because it is deterministic across JavaScript
 * engines (only 32-bit integer arithmetic via Math.imul), fast, and statistically good enough to
 * draw weight perturbations; it is not for anything security-related.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
