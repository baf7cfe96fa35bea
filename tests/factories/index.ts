// Test data builders, shared by the integration tests, the scripts and the demo seed (db/seed), so the
// demo exercises the same shapes the tests prove. Plain inserts for accounts; services for RFQs and quotes.
export * from "./accounts";
export * from "./context";
export * from "./rfqs";
export * from "./quotes";
export * from "./contracts";
export * from "./awards";
