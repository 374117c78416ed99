// Server-side console sessions. The browser holds only a random id in an
// HttpOnly cookie; which employee the session speaks for lives here, so no
// request can name another person.
import { randomBytes } from 'node:crypto'

export interface ConsoleSession {
  readonly id: string
  /** The employee this session speaks for; null until a person is picked. */
  readonly email: string | null
  readonly createdAt: number
  lastSeenAt: number
}

export interface SessionStore {
  /** A new session; the oldest is dropped when the store is full. */
  create(email: string | null): ConsoleSession
  /** The live session with this id, its idle timer reset; null when unknown or expired. */
  get(id: string | undefined): ConsoleSession | null
  end(id: string): void
  /** Called with every session that ends (ended, expired or evicted): its event streams must close. */
  onEnd(listener: (session: ConsoleSession) => void): void
  size(): number
  clear(): void
}

export interface SessionOptions {
  /** A session unused this long is gone. */
  idleMs?: number
  max?: number
  now?: () => number
}

const IDLE_MS = 12 * 60 * 60 * 1000
const MAX_SESSIONS = 500

export function createSessionStore(options: SessionOptions = {}): SessionStore {
  const idleMs = options.idleMs ?? IDLE_MS
  const max = options.max ?? MAX_SESSIONS
  const now = options.now ?? Date.now
  // Insertion order is age order: the first entry is the one to evict.
  const sessions = new Map<string, ConsoleSession>()
  const listeners: ((session: ConsoleSession) => void)[] = []

  function end(id: string): void {
    const session = sessions.get(id)
    if (!session) return
    sessions.delete(id)
    for (const listener of listeners) listener(session)
  }

  return {
    create(email) {
      while (sessions.size >= max) {
        const oldest = sessions.keys().next().value
        if (oldest === undefined) break
        end(oldest)
      }
      // 256 bits from the OS: a session id cannot be guessed.
      const id = randomBytes(32).toString('base64url')
      const at = now()
      const session: ConsoleSession = { id, email, createdAt: at, lastSeenAt: at }
      sessions.set(id, session)
      return session
    },
    get(id) {
      if (!id) return null
      const session = sessions.get(id)
      if (!session) return null
      if (now() - session.lastSeenAt > idleMs) {
        end(id)
        return null
      }
      session.lastSeenAt = now()
      return session
    },
    end,
    onEnd(listener) {
      listeners.push(listener)
    },
    size: () => sessions.size,
    clear() {
      for (const id of [...sessions.keys()]) end(id)
    },
  }
}
