export async function runFindings(_x: unknown): Promise<never[]> { return []; }
