// One import file (CSV or JSON) → its entity and raw rows of trimmed strings.
// CSV goes through csv-parse: quoting, embedded newlines and BOMs are its job.
import { CsvError, parse } from 'csv-parse/sync'
import { COLUMNS, type Entity, entityFromFileName, isEntity, LIST_COLUMNS, REQUIRED_COLUMNS } from './entities.js'
import type { ImportError, ImportFile, RowLabel } from './types.js'

export interface RawRow {
  /** Spreadsheet line (header = 1) for CSV, `item N` (1-based) for JSON. */
  row: RowLabel
  cells: Record<string, string>
  /** Columns the row actually has: on update, the others keep their stored values. */
  present: ReadonlySet<string>
}

export interface ParsedFile {
  file: string
  entity: Entity
  rows: RawRow[]
}

export type ParseResult = { ok: true; parsed: ParsedFile } | { ok: false; errors: ImportError[] }

const FILE = '(file)'

export function parseFile(input: ImportFile): ParseResult {
  const file = input.name
  const fail = (row: RowLabel, column: string, reason: string): ParseResult => ({ ok: false, errors: [{ file, row, column, reason }] })

  const entity = input.type ?? entityFromFileName(file)
  if (!entity) {
    return fail(1, FILE, 'cannot tell which entity this file holds: name it like employees.csv or 2026-employees.json, or pass --type')
  }
  if (!isEntity(entity)) return fail(1, FILE, `unknown type "${entity}"`)
  const isJson = /\.json$/i.test(file) || (!/\.csv$/i.test(file) && input.content.trimStart().startsWith('['))
  const content = input.content.replace(/^\uFEFF/, '')
  const rows = isJson ? parseJson(file, content) : parseCsv(file, content)
  if (!rows.ok) return rows
  const headerErrors = checkHeader(file, entity, rows.columns)
  if (headerErrors.length > 0) return { ok: false, errors: headerErrors }
  // Absent optional columns read as empty cells.
  const filled = rows.rows.map(({ row, cells }) => ({
    row,
    cells: Object.fromEntries(COLUMNS[entity].map((c) => [c, cells[c] ?? ''])),
    present: new Set(Object.keys(cells)),
  }))
  return { ok: true, parsed: { file, entity, rows: filled } }
}

type Rows = { ok: true; rows: Omit<RawRow, 'present'>[]; columns: string[] } | { ok: false; errors: ImportError[] }

function parseCsv(file: string, content: string): Rows {
  if (content.trim() === '') return { ok: true, rows: [], columns: [] }
  let records: { record: Record<string, string>; info: { lines: number; error?: unknown; invalid_field_length: number } }[]
  let columns: string[] = []
  try {
    // CRLF becomes LF first: csv-parse counts the CR and the LF of a quoted
    // CRLF as two lines, which would put every later row number off by one.
    records = parse(content.replace(/\r\n?/g, '\n'), {
      bom: true,
      columns: (header: string[]) => (columns = header.map((h) => h.trim().toLowerCase())),
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    })
  } catch (error) {
    if (!(error instanceof CsvError)) throw error
    const line = (error as CsvError & { lines?: number }).lines ?? 1
    return { ok: false, errors: [{ file, row: line, column: FILE, reason: `not readable as CSV: ${error.message}` }] }
  }
  const errors: ImportError[] = []
  const rows: Omit<RawRow, 'present'>[] = []
  for (const { record, info } of records) {
    // info.lines is the record's last line; a quoted cell may span several.
    const newlines = Object.values(record).reduce((n, v) => n + (v.match(/\n/g)?.length ?? 0), 0)
    const row = info.lines - newlines
    const cellCount = Object.keys(record).length
    if (info.error && cellCount >= columns.length) {
      errors.push({ file, row, column: FILE, reason: `more cells than the ${columns.length} columns of the header` })
      continue
    }
    const cells = Object.fromEntries(columns.map((c) => [c, record[c] ?? '']))
    // Spreadsheets leave rows of bare commas behind: skip them like empty lines.
    if (Object.values(cells).every((v) => v === '')) continue
    rows.push({ row, cells })
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows, columns }
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
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows, columns: [...columns] }
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
