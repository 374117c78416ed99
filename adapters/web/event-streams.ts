// Server-Sent Events: one stream per open console tab, scoped to the session's
// employee. The stream replays that employee's mailbox (skipping what the tab
// already has, by Last-Event-ID) and then forwards live messages.
import type { ServerResponse } from 'node:http'
import { SECURITY_HEADERS } from './http-helpers.js'
import type { WebMessage, WebMessenger } from './messenger.js'
import type { ConsoleSession } from './sessions.js'

export interface EventStreams {
  /** Takes over the response (the caller must have hijacked it) until the client or the session goes away. */
  open(session: ConsoleSession & { email: string }, res: ServerResponse, lastEventId: number): void
  closeSession(sessionId: string): void
  closeAll(): void
  count(): number
}

interface Stream {
  sessionId: string
  close(): void
}

/** Proxies close idle connections; a comment line every so often keeps the stream open. */
const HEARTBEAT_MS = 25_000
/** A session with more tabs than this gets its oldest stream closed. */
const MAX_PER_SESSION = 4

export function createEventStreams(messenger: WebMessenger, options: { heartbeatMs?: number } = {}): EventStreams {
  const streams = new Set<Stream>()

  return {
    open(session, res, lastEventId) {
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
      const write = (event: 'card' | 'update', message: WebMessage) => {
        // JSON.stringify escapes newlines, so the payload is one `data:` line.
        res.write(
          `id: ${message.seq}\nevent: ${event}\ndata: ${JSON.stringify({ id: message.id, html: message.html, sentAt: message.sentAt })}\n\n`,
        )
      }
      res.write('retry: 3000\n\n')
      for (const message of messenger.recent(session.email)) if (message.seq > lastEventId) write('card', message)
      const unsubscribe = messenger.subscribe(session.email, (event) => write(event.kind === 'message' ? 'card' : 'update', event.message))
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), options.heartbeatMs ?? HEARTBEAT_MS)
      heartbeat.unref()

      let isClosed = false
      const stream: Stream = {
        sessionId: session.id,
        close() {
          if (isClosed) return
          isClosed = true
          clearInterval(heartbeat)
          unsubscribe()
          streams.delete(stream)
          if (!res.writableEnded) res.end()
        },
      }
      streams.add(stream)
      res.on('close', () => stream.close())
    },

    closeSession(sessionId) {
      for (const stream of [...streams]) if (stream.sessionId === sessionId) stream.close()
    },

    closeAll() {
      for (const stream of [...streams]) stream.close()
    },

    count: () => streams.size,
  }
}
