// One import file (CSV or JSON) → its entity and raw rows of trimmed strings.
// Bytes are decoded here (decode.ts), so every entry point reads them alike.
// CSV goes through csv-parse: quoting, embedded newlines and BOMs are its job.
import { CsvError, parse } from 'csv-parse/sync'
import { csvCellText } from '../../../core/kernel/csv-cell.js'
import { decodeImportFile } from './decode.js'
import { COLUMNS, type Entity, entityFromFileName, isEntity, LIST_COLUMNS, REQUIRED_COLUMNS } from './entities.js'
import type { ImportError, ImportFile, RowLabel } from './types.js'

export interface RawRow {
  /** Spreadsheet line (header = 1) for CSV, `item N` (1-based) for JSON. */
  row: RowLabel
  cells: Record<string, string>
  /** Columns the row actually has: on update, the others keep their stored values. */
  present: ReadonlySet<string>
  /**
   * The row could not be read into cells (more cells than the header): it is
   * already reported and is not validated, but its key still counts as
   * mentioned, so references to it are not reported as unknown as well.
   */
  isUnreadable?: boolean
}

export interface ParsedFile {
  file: string
  entity: Entity
  rows: RawRow[]
}

/**
 * A file with errors may still have rows to validate (a file whose only problem
 * is one row with too many cells): `parsed` is then there, so that every other
 * error of the file is reported too.
 */
export type ParseResult = { ok: true; parsed: ParsedFile } | { ok: false; errors: ImportError[]; parsed?: ParsedFile }

const FILE = '(file)'

export function parseFile(input: ImportFile): ParseResult {
  const file = input.name
  const fail = (row: RowLabel, column: string, reason: string): ParseResult => ({ ok: false, errors: [{ file, row, column, reason }] })

  const entity = input.type ?? entityFromFileName(file)
  if (!entity) {
    return fail(1, FILE, 'cannot tell which entity this file holds: name it like employees.csv or 2026-employees.json, or pass --type')
  }
  if (!isEntity(entity)) return fail(1, FILE, `unknown type "${entity}"`)
  let text: string
  if (typeof input.content === 'string') text = input.content
  else {
    const decoded = decodeImportFile(input.content)
    if (!decoded.ok) return fail(1, FILE, `cannot be read: ${decoded.reason}`)
    text = decoded.text
  }
  const isJson = /\.json$/i.test(file) || (!/\.csv$/i.test(file) && text.trimStart().startsWith('['))
  const content = text.replace(/^\uFEFF/, '')
  const rows = isJson ? parseJson(file, content) : parseCsv(file, content)
  if (!rows.ok) return rows
  const headerErrors = checkHeader(file, entity, rows.columns)
  if (headerErrors.length > 0) return { ok: false, errors: headerErrors }
  // Absent optional columns read as empty cells.
  const filled = rows.rows.map(({ row, cells, isUnreadable }) => ({
    row,
    cells: Object.fromEntries(COLUMNS[entity].map((c) => [c, cells[c] ?? ''])),
    present: new Set(Object.keys(cells)),
    ...(isUnreadable ? { isUnreadable } : {}),
  }))
  const parsed = { file, entity, rows: filled }
  return rows.errors.length > 0 ? { ok: false, errors: rows.errors, parsed } : { ok: true, parsed }
}

/** Rows read, with the errors of rows that could not be read (`ok` is false only when nothing could be). */
type Rows = { ok: true; rows: Omit<RawRow, 'present'>[]; columns: string[]; errors: ImportError[] } | { ok: false; errors: ImportError[] }

const SEPARATORS = { ',': 'commas', '\t': 'tabs', ';': 'semicolons' } as const
type Separator = keyof typeof SEPARATORS

/**
 * The separator the header row uses. Column names hold none of the three, so
 * the header tells: commas (CSV), tabs (Excel's "Unicode text") or semicolons
 * (Excel's "CSV" where the decimal separator is a comma, as in most of Europe).
 */
function separatorOf(content: string): Separator {
  const header = content.split('\n', 1)[0]!
  const count = (c: string) => header.split(c).length - 1
  const [best] = (Object.keys(SEPARATORS) as Separator[]).sort((a, b) => count(b) - count(a))
  return best !== undefined && count(best) > count(',') ? best : ','
}

function parseCsv(file: string, content: string): Rows {
  if (content.trim() === '') return { ok: true, rows: [], columns: [], errors: [] }
  // CRLF becomes LF first: csv-parse counts the CR and the LF of a quoted
  // CRLF as two lines, which would put every later row number off by one. A
  // lone CR is a line break only in a file that has no LF at all (old Mac
  // files); elsewhere it is data (a cell may start with one, see csv-cell.ts).
  const crlf = content.replace(/\r\n/g, '\n')
  const text = crlf.includes('\n') ? crlf : crlf.replace(/\r/g, '\n')
  const separator = separatorOf(text.replace(/^\n+/, ''))
  let records: { record: string[]; info: { lines: number } }[]
  try {
    records = parse(text, {
      bom: true,
      delimiter: separator,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    }) as unknown as typeof records
  } catch (error) {
    if (!(error instanceof CsvError)) throw error
    const line = (error as CsvError & { lines?: number }).lines ?? 1
    return { ok: false, errors: [{ file, row: line, column: FILE, reason: `not readable as CSV: ${error.message}` }] }
  }
  const columns = (records[0]?.record ?? []).map((h) => h.trim().toLowerCase())
  const errors: ImportError[] = []
  const rows: Omit<RawRow, 'present'>[] = []
  const separated = separator === ',' ? '' : ` (the file is separated by ${SEPARATORS[separator]})`
  for (const { record, info } of records.slice(1)) {
    // info.lines is the record's last line; a quoted cell may span several.
    const newlines = record.reduce((n, v) => n + (v.match(/\n/g)?.length ?? 0), 0)
    const row = info.lines - newlines
    // A cell the exporter neutralised (`'=…`) reads back as it was (csv-cell.ts).
    const cells = Object.fromEntries(columns.map((c, i) => [c, csvCellText(record[i] ?? '')]))
    // Spreadsheets leave rows of bare commas behind: skip them like empty lines.
    if (record.every((v) => v === '')) continue
    if (record.length > columns.length) {
      const reason = `this row has ${record.length} cells, more than the ${columns.length} columns of the header${separated}; quote a cell that holds the separator`
      errors.push({ file, row, column: FILE, reason })
      rows.push({ row, cells, isUnreadable: true })
      continue
    }
    const other = separator === ',' && columns.length > 1 && record.length === 1 ? otherSeparator(record[0]!) : null
    if (other) {
      const reason = `this row has 1 cell but the header ${columns.length} columns: the row is separated by ${SEPARATORS[other]}, the header by commas`
      errors.push({ file, row, column: FILE, reason })
      rows.push({ row, cells, isUnreadable: true })
      continue
    }
    rows.push({ row, cells })
  }
  return { ok: true, rows, columns, errors }
}

/** A row read as one cell that another separator would have split. */
function otherSeparator(cell: string): Separator | null {
  if (cell.includes('\t')) return '\t'
  return cell.includes(';') ? ';' : null
}

function parseJson(file: string, content: string): Rows {
  let data: unknown
  try {
    data = JSON.parse(content)
  } catch (error) {
    return { ok: false, errors: [{ file, row: 1, column: FILE, reason: `not valid JSON: ${(error as Error).message}` }] }
  }
  if (!Array.isArray(data)) {
    return { ok: false, errors: [{ file, row: 1, column: FILE, reason: 'expected a JSON array of objects' }] }
  }
  const errors: ImportError[] = []
  const rows: Omit<RawRow, 'present'>[] = []
  const columns = new Set<string>()
  data.forEach((item: unknown, index) => {
    const row: RowLabel = `item ${index + 1}`
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      errors.push({ file, row, column: FILE, reason: 'expected an object' })
      return
    }
    const cells: Record<string, string> = {}
    for (const [key, value] of Object.entries(item)) {
      const column = key.trim().toLowerCase()
      columns.add(column)
      const text = cellText(value, LIST_COLUMNS.has(column))
      if (text === null) errors.push({ file, row, column, reason: 'expected text, a number or null' })
      else cells[column] = text
    }
    rows.push({ row, cells })
  })
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows, columns: [...columns], errors: [] }
}

/** A JSON value as the text a CSV cell would hold; null when it has no such text. */
function cellText(value: unknown, isList: boolean): string | null {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value.trim()
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  if (isList && Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(';')
  return null
}

function checkHeader(file: string, entity: Entity, columns: string[]): ImportError[] {
  const known = COLUMNS[entity]
  const errors: ImportError[] = []
  const seen = new Set<string>()
  for (const column of columns) {
    if (seen.has(column)) errors.push({ file, row: 1, column, reason: 'column appears twice' })
    seen.add(column)
    if (!known.includes(column)) {
      errors.push({ file, row: 1, column, reason: `unknown column for ${entity} (known: ${known.join(', ')})` })
    }
  }
  // An empty file (or `[]`) has no header to check: it simply imports nothing.
  if (columns.length === 0) return errors
  for (const column of REQUIRED_COLUMNS[entity]) {
    if (!seen.has(column)) errors.push({ file, row: 1, column, reason: 'required column is missing' })
  }
  return errors
}
