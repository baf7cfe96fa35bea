// What each `npm run serve:cluster` worker runs: scripts/serve.ts, unchanged, plus one rule it needs only as a
// worker. The primary holds the listening socket and hands connections over its IPC channel; when the primary
// dies without stopping its workers (SIGKILL, OOM), the channel closes and this worker could no longer be
// reached, yet its job runner would keep working as an orphan. So it stops as it would on SIGTERM.
process.once("disconnect", () => process.kill(process.pid, "SIGTERM"));

// Imported after the listener is in place: serve.ts awaits the runtime (seconds) at its top level.
await import("../serve");
export {};
