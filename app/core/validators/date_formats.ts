/**
 * The dates a date field takes: 24.11.2026 as people write them (every date
 * field is a text field with that example), and 2026-11-24 as links, exports
 * and browsers' own date pickers send them.
 */
export const DATE_FORMATS = ['D.M.YYYY', 'YYYY-MM-DD']
