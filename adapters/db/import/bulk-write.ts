// Multi-row INSERTs and UPDATEs with bound parameters, for imports of thousands
// of rows. Through Prisma's JS engine and the SQLite driver adapter, createMany
// costs about half a millisecond per row and a single update several
// milliseconds; one statement per few hundred rows is five to ten times faster.
import { placeholdersFor, providerOf } from '../raw-sql.js'
import type { Tx } from './apply-context.js'

type Value = string | number | Date | null

/** The text Prisma's SQLite adapter stores for a DateTime (ISO 8601 with "+00:00"), so SQL comparisons agree. */
export const sqlDateTime = (d: Date): string => d.toISOString().replace(/Z$/, '+00:00')

const bind = (v: Value): string | number | null => (v instanceof Date ? sqlDateTime(v) : v)

/** SQLite allows 32,766 bound variables per statement; stay well below it. */
const MAX_VARIABLES = 8_000

/** Inserts rows that all have the same keys (the column names) into `table`. */
export async function insertMany(tx: Tx, table: string, rows: Record<string, Value>[]): Promise<void> {
  if (rows.length === 0) return
  const columns = Object.keys(rows[0]!)
  const perStatement = Math.max(1, Math.floor(MAX_VARIABLES / columns.length))
  const head = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES `
  const tuple = `(${columns.map(() => '?').join(', ')})`
  for (let i = 0; i < rows.length; i += perStatement) {
    const slice = rows.slice(i, i + perStatement)
    await tx.$executeRawUnsafe(
      placeholdersFor(tx, head + slice.map(() => tuple).join(', ')),
      ...slice.flatMap((r) => columns.map((c) => bind(r[c] ?? null))),
    )
  }
}

/** Sets one column by id for many rows: `UPDATE … SET column = (value for this id)`. */
export async function updateColumnById(tx: Tx, table: string, column: string, values: [id: number, value: Value][]): Promise<void> {
  const perStatement = Math.floor(MAX_VARIABLES / 2)
  // PostgreSQL types a VALUES list's parameters as text: cast them to the id's and the column's types.
  const postgres = providerOf(tx) !== 'sqlite'
  const type = postgres ? await columnType(tx, table, column) : ''
  for (let i = 0; i < values.length; i += perStatement) {
    const slice = values.slice(i, i + perStatement)
    const sql = postgres
      ? `UPDATE "${table}" SET "${column}" = v.value::${type}
         FROM (VALUES ${slice.map(() => '(?::int, ?::text)').join(', ')}) AS v(id, value) WHERE v.id = "${table}"."id"`
      : `WITH v(id, value) AS (VALUES ${slice.map(() => '(?, ?)').join(', ')})
       UPDATE "${table}" SET "${column}" = (SELECT value FROM v WHERE v.id = "${table}"."id")
       WHERE "id" IN (SELECT id FROM v)`
    await tx.$executeRawUnsafe(placeholdersFor(tx, sql), ...slice.flatMap(([id, value]) => [id, postgres ? textOf(value) : bind(value)]))
  }
}

/** A value as PostgreSQL reads it back from text (DateTimes in UTC: the columns are `timestamp` without a zone, as Prisma writes them). */
const textOf = (v: Value): string | null => (v === null ? null : v instanceof Date ? v.toISOString() : String(v))

/** A PostgreSQL column's type as SQL writes it ("timestamp(3) without time zone", "integer", "text"). */
async function columnType(tx: Tx, table: string, column: string): Promise<string> {
  const [row] = await tx.$queryRawUnsafe<{ type: string }[]>(
    `SELECT format_type(a.atttypid, a.atttypmod) AS "type" FROM pg_attribute a
     WHERE a.attrelid = to_regclass($1) AND a.attname = $2 AND NOT a.attisdropped`,
    `"${table}"`,
    column,
  )
  if (!row) throw new Error(`no column ${table}.${column}`)
  return row.type
}
