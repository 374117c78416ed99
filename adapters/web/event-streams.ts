// Server-Sent Events: one stream per open console tab. A person's stream
// replays their inbox — the cards the outbox delivered to it (durable: a
// console opened later, or after a restart, still shows them) and this
// process's mailbox, skipping what the tab already has by Last-Event-ID — then
// forwards live messages and their unread count. The person picker's stream
// (a session without a person) carries only everyone's unread counts.
import type { ServerResponse } from 'node:http'
import { SECURITY_HEADERS } from './http-helpers.js'
import type { WebMessage, WebMessenger } from './messenger.js'
import type { ConsoleSession } from './sessions.js'

/** A card in a person's inbox as the page shows it. */
export type InboxCard = Pick<WebMessage, 'id' | 'html' | 'sentAt'>

/** The durable side of the inbox (the outbox's rows for platform "web"). */
export interface InboxRecord {
  /** Recent cards delivered to the person, oldest first. */
  history(email: string): Promise<InboxCard[]>
  /** Cards delivered and not yet read. */
  unread(email: string): Promise<number>
}

export interface EventStreams {
  /** Takes over the response (the caller must have hijacked it) until the client or the session goes away. */
  open(session: ConsoleSession & { email: string }, res: ServerResponse, lastEventId: number): Promise<void>
  /** The picker's stream: every person's unread count as it changes. */
  openPicker(session: ConsoleSession, res: ServerResponse): void
  /** A person's unread count changed (their inbox was opened): tell their tabs and the pickers. */
  announceUnread(email: string, unread: number): void
  closeSession(sessionId: string): void
  closeAll(): void
  count(): number
}

interface Stream {
  sessionId: string
  /** The person whose inbox this is; null for a picker. */
  email: string | null
  sendUnread(email: string, unread: number): void
  /** Runs when the stream closes. */
  onClose(cleanup: () => void): void
  close(): void
}

/** Proxies close idle connections; a comment line every so often keeps the stream open. */
const HEARTBEAT_MS = 25_000
/** A session with more tabs than this gets its oldest stream closed. */
const MAX_PER_SESSION = 4

const noRecord: InboxRecord = { history: async () => [], unread: async () => 0 }

export function createEventStreams(
  messenger: WebMessenger,
  options: { heartbeatMs?: number; inbox?: InboxRecord; onError?: (error: unknown) => void } = {},
): EventStreams {
  const streams = new Set<Stream>()
  const inbox = options.inbox ?? noRecord

  function announceUnread(email: string, unread: number): void {
    for (const stream of streams) if (stream.email === null || stream.email === email) stream.sendUnread(email, unread)
  }

  // A card delivered to someone: their count, read back from the record (the outbox row is being sent now).
  const stopWatching = messenger.subscribeAll((email, event) => {
    if (event.kind !== 'message' || ![...streams].some((s) => s.email === null || s.email === email)) return
    inbox.unread(email).then(
      (unread) => announceUnread(email, unread),
      (error: unknown) => options.onError?.(error),
    )
  })

  function start(session: ConsoleSession, res: ServerResponse, email: string | null): Stream {
    const own = [...streams].filter((s) => s.sessionId === session.id)
    if (own.length >= MAX_PER_SESSION) own[0]?.close()
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      // nginx would otherwise buffer the stream.
      'x-accel-buffering': 'no',
    })
    res.write('retry: 3000\n\n')
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), options.heartbeatMs ?? HEARTBEAT_MS)
    heartbeat.unref()
    const cleanups: (() => void)[] = []
    let isClosed = false
    const stream: Stream = {
      sessionId: session.id,
      email,
      sendUnread(who, unread) {
        if (isClosed) return
        res.write(`event: unread\ndata: ${JSON.stringify(email === null ? { email: who, unread } : { unread })}\n\n`)
      },
      onClose(cleanup) {
        cleanups.push(cleanup)
      },
      close() {
        if (isClosed) return
        isClosed = true
        clearInterval(heartbeat)
        for (const cleanup of cleanups) cleanup()
        streams.delete(stream)
        if (!res.writableEnded) res.end()
      },
    }
    streams.add(stream)
    res.on('close', () => stream.close())
    return stream
  }

  return {
    async open(session, res, lastEventId) {
      const stream = start(session, res, session.email)
      const write = (event: 'card' | 'update', message: InboxCard & { seq?: number }) => {
        if (res.writableEnded) return
        // JSON.stringify escapes newlines, so the payload is one `data:` line. A card read back from
        // the outbox has no seq: it carries no event id, so a reconnecting tab gets it again (the page keeps one).
        const id = message.seq === undefined ? '' : `id: ${message.seq}\n`
        res.write(`${id}event: ${event}\ndata: ${JSON.stringify({ id: message.id, html: message.html, sentAt: message.sentAt })}\n\n`)
      }
      let history: InboxCard[] = []
      let unread = 0
      try {
        ;[history, unread] = await Promise.all([inbox.history(session.email), inbox.unread(session.email)])
      } catch (error) {
        options.onError?.(error)
      }
      if (res.writableEnded) return
      // No await from here on: what arrives while the history is read is in the mailbox, what arrives after is live.
      const recent = messenger.recent(session.email)
      const inMemory = new Set(recent.map((m) => m.id))
      for (const card of history) if (!inMemory.has(card.id)) write('card', card)
      for (const message of recent) if (message.seq > lastEventId) write('card', message)
      stream.onClose(messenger.subscribe(session.email, (event) => write(event.kind === 'message' ? 'card' : 'update', event.message)))
      stream.sendUnread(session.email, unread)
    },

    openPicker(session, res) {
      start(session, res, null)
    },

    announceUnread,

    closeSession(sessionId) {
      for (const stream of [...streams]) if (stream.sessionId === sessionId) stream.close()
    },

    closeAll() {
      for (const stream of [...streams]) stream.close()
      stopWatching()
    },

    count: () => streams.size,
  }
}
