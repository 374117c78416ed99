// The console inbox over HTTP: a card the outbox delivers to a person arrives
// live on their event stream with the unread count, the person picker hears the
// count, opening the inbox marks it read, and a console opened after a restart
// still shows the card (read back from the outbox).
import Fastify, { type FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../bot/config.js'
import { createDeliveryWorker, DEFAULT_DELIVERY_OPTIONS } from '../../bot/delivery.js'
import { type RunningWeb, startWeb, webDestination } from '../../bot/platforms/web.js'
import { makeCard } from '../../core/kernel/cards/build.js'
import { createMessengerRegistry } from '../../core/kernel/messaging.js'
import { type ConsoleApp, cookieFrom, createConsoleApp } from './console-app.js'

const LI = 'li.lei@demo.ladder'
const NOW = new Date()

let c: ConsoleApp
let address: string
const opened: AbortController[] = []

beforeAll(async () => {
  c = await createConsoleApp({}, NOW)
  address = await c.app.listen({ port: 0, host: '127.0.0.1' })
}, 60_000)
afterAll(async () => {
  for (const controller of opened) controller.abort()
  await c?.close()
})

interface SseEvent {
  event: string
  id: string | null
  data: string
}

/** An event stream read as it comes: `next(pred)` resolves with the first event (from the start) that matches. */
async function openStream(base: string, path: string, cookie: string) {
  const controller = new AbortController()
  opened.push(controller)
  const res = await fetch(`${base}${path}`, { headers: { cookie, accept: 'text/event-stream' }, signal: controller.signal })
  expect(res.status).toBe(200)
  const events: SseEvent[] = []
  const waiters: (() => void)[] = []
  void (async () => {
    const decoder = new TextDecoder()
    let buffer = ''
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true })
        let end = buffer.indexOf('\n\n')
        while (end >= 0) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          end = buffer.indexOf('\n\n')
          const field = (name: string) =>
            block
              .split('\n')
              .find((l) => l.startsWith(`${name}: `))
              ?.slice(name.length + 2) ?? null
          const event = field('event')
          if (event) events.push({ event, id: field('id'), data: field('data') ?? '' })
          for (const wake of waiters.splice(0)) wake()
        }
      }
    } catch {
      // aborted at the end of the test
    }
  })()
  return {
    events,
    async next(pred: (e: SseEvent) => boolean): Promise<SseEvent> {
      for (;;) {
        const found = events.find(pred)
        if (found) return found
        await new Promise<void>((resolve) => waiters.push(resolve))
      }
    },
    close: () => controller.abort(),
  }
}

async function loginAt(base: string, email: string): Promise<string> {
  const res = await fetch(`${base}/console/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email }),
  })
  expect(res.status).toBe(200)
  return cookieFrom(res.headers.get('set-cookie') ?? undefined)
}

async function pickerCookie(base: string): Promise<string> {
  const res = await fetch(`${base}/console`)
  return cookieFrom(res.headers.get('set-cookie') ?? undefined)
}

const unreadOf = async (base: string, cookie: string, email: string) => {
  const res = await fetch(`${base}/console/people`, { headers: { cookie } })
  const body = (await res.json()) as { people: { email: string; unread: number }[] }
  return body.people.find((p) => p.email === email)?.unread
}

/** The outbox worker of a console-only install, once. */
const deliverAll = (web: RunningWeb) =>
  createDeliveryWorker(
    { outbox: c.store.outbox, messengers: createMessengerRegistry({ web: web.messenger }), clock: { now: () => new Date() }, log: c.log },
    DEFAULT_DELIVERY_OPTIONS,
  ).drain()

describe('the console inbox', () => {
  it('a delivered card arrives live with the unread count; the picker hears it; opening the inbox reads it; a restart keeps it', async () => {
    const li = await loginAt(address, LI)
    const picker = await pickerCookie(address)
    const mine = await openStream(address, '/console/events', li)
    const everyone = await openStream(address, '/console/people/events', picker)
    // The stream opens with the count as it is.
    expect(JSON.parse((await mine.next((e) => e.event === 'unread')).data)).toEqual({ unread: 0 })

    await c.store.outbox.enqueue(
      {
        idempotencyKey: 'inbox-test:1',
        kind: 'notice',
        to: webDestination(LI),
        card: makeCard('zh-CN', { title: '请提名评价人', tone: 'info' }, [{ type: 'text', text: 'INBOX-CARD' }]),
        employeeId: null,
        availableAt: NOW,
      },
      NOW,
    )
    expect((await deliverAll(c.web)).sent).toBe(1)

    const card = await mine.next((e) => e.event === 'card')
    expect(JSON.parse(card.data).html).toContain('INBOX-CARD')
    expect(JSON.parse((await mine.next((e) => e.event === 'unread' && JSON.parse(e.data).unread === 1)).data)).toEqual({ unread: 1 })
    expect(JSON.parse((await everyone.next((e) => e.event === 'unread')).data)).toEqual({ email: LI, unread: 1 })
    expect(await unreadOf(address, picker, LI)).toBe(1)

    const read = await fetch(`${address}/console/inbox/read`, { method: 'POST', headers: { cookie: li } })
    expect(await read.json()).toEqual({ unread: 0 })
    await mine.next((e) => e.event === 'unread' && JSON.parse(e.data).unread === 0)
    await everyone.next((e) => e.event === 'unread' && JSON.parse(e.data).unread === 0)
    expect(await unreadOf(address, picker, LI)).toBe(0)
    mine.close()
    everyone.close()

    // A restarted server: a new console (empty mailboxes) on the same database.
    const app: FastifyInstance = Fastify()
    const config = loadConfig({ DATABASE_URL: c.testDb.url, LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv)
    const core = { handleMessage: async () => null, handleAction: async () => null, home: async () => card as never } as never
    const web = await startWeb(app, { config, core, store: c.store, log: c.log })
    try {
      const again = await app.listen({ port: 0, host: '127.0.0.1' })
      const later = await openStream(again, '/console/events', await loginAt(again, LI))
      const replayed = await later.next((e) => e.event === 'card')
      expect(JSON.parse(replayed.data)).toMatchObject({ id: JSON.parse(card.data).id })
      expect(JSON.parse(replayed.data).html).toContain('INBOX-CARD')
      // Replayed from the record, it carries no event id (the new process's ids start over).
      expect(replayed.id).toBeNull()
      later.close()
    } finally {
      await app.close()
      await web.stop()
    }
  }, 60_000)
})
