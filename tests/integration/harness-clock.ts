/** Where every harness clock starts, and the moment the run's demo template is seeded at (global-setup.ts). */
export const HARNESS_NOW = "2026-11-20T10:00:00+09:00";
