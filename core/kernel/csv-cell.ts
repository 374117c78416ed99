// The one CSV-injection neutraliser, used by every CSV Ladder writes (`ladder
// export`, `ladder overdue --csv`, `ladder programme export`), and its exact
// reversal, used by the importer (OWASP "CSV Injection").
//
// A spreadsheet reads a cell that starts with = + - @, a tab or a carriage
// return as a formula. Such a text cell is written with a leading apostrophe
// (Excel shows it as text). So that the importer can undo it exactly, a cell
// that already starts with an apostrophe gets one more too: `'=x` is written
// `''=x`, `''` is written `'''`. Reading strips exactly one leading apostrophe
// when the rest starts with an apostrophe or a formula character, and leaves
// every other cell alone: write → read is the identity on all text.
//
// Numbers are never prefixed: a negative number in a numeric column stays a
// number in the spreadsheet. `-` is neutralised only in text cells.

const NEEDS_PREFIX = /^[=+\-@\t\r']/

/** A cell as written to a CSV file: text that a spreadsheet would run as a formula gets a leading `'`. */
export function csvCell(value: string | number): string {
  if (typeof value === 'number') return String(value)
  return NEEDS_PREFIX.test(value) ? `'${value}` : value
}

/** The exact inverse of `csvCell` on text: one leading `'` before a `'` or a formula character is dropped. */
export function csvCellText(cell: string): string {
  return cell.startsWith("'") && NEEDS_PREFIX.test(cell.slice(1)) ? cell.slice(1) : cell
}
