import type { Entity } from './entities.js'

export interface ImportFile {
  /** The file's name or path as the user gave it: errors name it, the entity is read from it. */
  name: string
  /** The file's bytes as read (decoded by the importer: UTF-8, GB18030/GBK or UTF-16), or text already decoded. */
  content: string | Uint8Array
  /** Forces the entity when the name does not tell it (`--type employees`). */
  type?: string
}

/** A spreadsheet line number (header = 1) for CSV; `item N` (1-based) for JSON. */
export type RowLabel = number | `item ${number}`

export interface ImportError {
  file: string
  row: RowLabel
  column: string
  reason: string
}

export interface EntityCounts {
  created: number
  updated: number
  unchanged: number
}

export type ImportCounts = Record<Entity, EntityCounts>

export type ImportResult = { ok: true; counts: ImportCounts } | { ok: false; errors: ImportError[] }

export interface ImportOptions {
  /** Validate and count what would change, then roll everything back. */
  dryRun?: boolean
  now: Date
  /** Who imports, in the audit log: `import` (the CLI, the default) or `admin-api`. */
  actor?: string
}

/** `employees.csv:7: manager_email: …` — one line per error, as printed by the CLI. */
export const formatImportError = (e: ImportError): string => `${e.file}:${e.row}: ${e.column}: ${e.reason}`
