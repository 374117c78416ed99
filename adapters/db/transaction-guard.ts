// Transactions that always end, whatever SQLite answered.
//
// @prisma/adapter-better-sqlite3 (6.19) serialises transactions with a mutex that only
// its transaction's commit()/rollback() release, and Prisma calls those only after its
// own "COMMIT" / "ROLLBACK" statement succeeded (prisma/orm#29933, fix proposed in
// #29955). So when the disk is full (SQLITE_FULL: SQLite has already rolled the
// transaction back, and the ROLLBACK statement then fails with "no transaction is
// active") or a COMMIT fails (SQLITE_BUSY, SQLITE_FULL, an I/O error: the connection is
// left inside the transaction), the mutex is never released and every later
// $transaction waits forever, while reads and single statements still work.
//
// guardTransactions replaces the adapter's startTransaction with the same protocol
// (BEGIN, Prisma sends COMMIT/ROLLBACK, then commit()/rollback()) on a lock of its
// own, and makes sure each transaction ends: a failed COMMIT or ROLLBACK is followed
// by a ROLLBACK when SQLite still reports an open transaction, and the lock is
// released right there; a ROLLBACK with no open transaction (SQLite ended it) is a
// no-op; a failed BEGIN releases the lock; a transaction left open by anything else
// is rolled back before the next BEGIN.

/** The parts of the adapter's connection (better-sqlite3's Database) used here. */
interface SqliteClient {
  readonly inTransaction: boolean
  exec(sql: string): unknown
}

interface DriverQuery {
  sql: string
}

/** The parts of the adapter (@prisma/driver-adapter-utils' SqlDriverAdapter) this relies on. */
interface GuardedAdapter {
  client: SqliteClient
  executeRaw(query: DriverQuery): Promise<number>
  queryRaw(query: DriverQuery): Promise<unknown>
  startTransaction(isolationLevel?: string): Promise<unknown>
  onError(error: unknown): never
}

/** A first-come, first-served lock: acquire() resolves with its release. */
function createLock(): () => Promise<() => void> {
  let tail: Promise<void> = Promise.resolve()
  return () => {
    let release!: () => void
    const released = new Promise<void>((resolve) => {
      release = resolve
    })
    const acquired = tail.then(() => release)
    tail = tail.then(() => released)
    return acquired
  }
}

const isEnd = (sql: string): 'COMMIT' | 'ROLLBACK' | null => {
  const word = sql.trim().toUpperCase()
  return word === 'COMMIT' || word === 'ROLLBACK' ? word : null
}

/** Ends whatever transaction the connection is still in; never throws (the caller reports the first error). */
function rollBackQuietly(client: SqliteClient): void {
  try {
    if (client.inTransaction) client.exec('ROLLBACK')
  } catch {
    // A ROLLBACK that fails leaves nothing open to roll back (SQLite's documented behaviour).
  }
}

/** Replaces `adapter.startTransaction` in place (see the top of the file); returns the adapter. */
export function guardTransactions<A extends object>(adapter: A): A {
  const inner = adapter as unknown as GuardedAdapter
  const client = inner.client
  if (typeof client?.exec !== 'function' || typeof inner.onError !== 'function')
    throw new Error('@prisma/adapter-better-sqlite3 changed shape: check adapters/db/transaction-guard.ts after an upgrade')
  const original = inner.startTransaction.bind(inner)
  const acquire = createLock()

  inner.startTransaction = async (isolationLevel?: string) => {
    // The adapter's own answer to anything but SERIALIZABLE (an error), before any lock is taken.
    if (isolationLevel && isolationLevel !== 'SERIALIZABLE') return original(isolationLevel)
    const release = await acquire()
    let isOpen = true
    const end = () => {
      if (!isOpen) return
      isOpen = false
      release()
    }
    try {
      // Nobody else may hold a transaction on this connection while the lock is ours.
      rollBackQuietly(client)
      client.exec('BEGIN')
    } catch (error) {
      end()
      inner.onError(error)
    }
    const transaction = Object.create(adapter) as GuardedAdapter & {
      options: { usePhantomQuery: boolean }
      commit(): Promise<void>
      rollback(): Promise<void>
    }
    transaction.options = { usePhantomQuery: false }
    transaction.executeRaw = async (query) => {
      const ending = isEnd(query.sql)
      // SQLite ended the transaction itself (SQLITE_FULL, an interrupted statement): nothing to roll back.
      if (ending === 'ROLLBACK' && !client.inTransaction) return 0
      try {
        return await inner.executeRaw.call(transaction, query)
      } catch (error) {
        if (ending) {
          rollBackQuietly(client)
          end()
        }
        throw error
      }
    }
    transaction.commit = async () => {
      rollBackQuietly(client)
      end()
    }
    transaction.rollback = async () => {
      rollBackQuietly(client)
      end()
    }
    return transaction
  }
  return adapter
}
