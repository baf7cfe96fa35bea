// The limits of a vendor's CSV of SLA measurements (decision 0040), apart from the parser so a page can name them
// without the CSV parser (a Node module) reaching the browser's bundle.

/** An upload over this is refused before parsing (a month of KPIs is a few hundred bytes). */
export const MAX_CSV_BYTES = 256 * 1024;
/** Data rows at most (a contract's KPIs × several years of months fit many times over). */
export const MAX_CSV_ROWS = 1000;
