// Counts the SQL statements better-sqlite3 runs in this process — through Prisma's
// driver adapter or a prepared statement used again and again alike: every
// Statement#run/get/all/iterate and every Database#exec.
import type BetterSqlite3 from 'better-sqlite3'

export function countStatements(Database: typeof BetterSqlite3): () => number {
  let count = 0
  const probe = new Database(':memory:')
  const statement = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<string, (...args: unknown[]) => unknown>
  probe.close()
  const patch = (target: Record<string, (...args: unknown[]) => unknown>, method: string) => {
    const original = target[method]!
    target[method] = function (this: unknown, ...args: unknown[]) {
      count++
      return original.apply(this, args)
    }
  }
  for (const method of ['run', 'get', 'all', 'iterate']) patch(statement, method)
  patch(Database.prototype as unknown as Record<string, (...args: unknown[]) => unknown>, 'exec')
  return () => count
}
