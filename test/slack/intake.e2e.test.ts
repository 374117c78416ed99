// Events API requests through the intake, as `npm start` wires them: acked once
// written down (InboundEvent, a real SQLite file), answered afterwards from a
// bounded queue — every one exactly once, across a burst past the bound, a
// redelivery, and a restart; an unwritable database answers 500, never a 200
// for an event that would then be lost.
import { afterEach, describe, expect, it } from 'vitest'
import { dmEvent, type SlackHarness, startSlackHarness, USERS } from './harness.js'
import { waitUntil } from './wait.js'

let h: SlackHarness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

const channelOf = (event: Record<string, unknown>) => (event.event as { channel: string }).channel
const waiting = async (harness: SlackHarness) => harness.testDb.db.inboundEvent.count()

describe('Slack events through the intake', () => {
  it('acks with an empty 200 and answers in the conversation afterwards, once', async () => {
    h = await startSlackHarness({ intake: {} })
    const event = dmEvent(USERS.liLei, '我晋升还差什么?')
    const res = await h.postJson(event)
    expect(res.statusCode).toBe(200)
    expect(res.body).toBe('')
    const reply = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === channelOf(event))
    expect(String(reply.args.text)).toContain('李雷')
    await h.intake!.drained()
    expect(await waiting(h)).toBe(0)
    expect(h.intake!.stats()).toMatchObject({ unanswered: 0, answered: 1, failed: 0 })
  })

  it('acks a redelivery without answering it again', async () => {
    h = await startSlackHarness({ intake: {} })
    const event = dmEvent(USERS.alex, 'what do I need for promotion?')
    expect((await h.postJson(event)).statusCode).toBe(200)
    const retry = await h.postJson(event, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' })
    expect(retry.statusCode).toBe(200)
    await h.intake!.drained()
    // Redelivered again once its row is gone: still recognised, still not answered twice.
    await h.testDb.db.inboundEvent.deleteMany()
    expect((await h.postJson(event, { 'x-slack-retry-num': '2' })).statusCode).toBe(200)
    await h.intake!.drained()
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === channelOf(event))).toHaveLength(1)
  })

  it('answers a burst far past the queue bound, every event once and in order per person', async () => {
    h = await startSlackHarness({ intake: { bound: 4, concurrency: 2 } })
    const harness = h
    const people = [USERS.liLei, USERS.alex, USERS.han]
    const events = Array.from({ length: 60 }, (_, i) => dmEvent(people[i % 3]!, i % 2 ? "what's on my plate" : 'promotion gap'))
    const acks = await Promise.all(events.map((e) => harness.postJson(e)))
    expect(acks.map((r) => r.statusCode)).toEqual(events.map(() => 200))
    await h.intake!.drained()
    const replies = h.fake.callsTo('chat.postMessage')
    expect(replies).toHaveLength(60)
    // Each reply is for a distinct event (the threads differ only when asked in a thread: count by channel).
    for (const person of people) {
      const channel = `D${person.slice(1)}`
      expect(replies.filter((c) => c.args.channel === channel)).toHaveLength(20)
    }
    expect(await waiting(h)).toBe(0)
    expect(h.intake!.stats()).toMatchObject({ unanswered: 0, overflow: 0, answered: 60, failed: 0 })
  })

  it('answers after a restart what was acked before it', async () => {
    h = await startSlackHarness({ intake: { start: false } })
    const harness = h
    const events = Array.from({ length: 5 }, (_, i) => dmEvent(USERS.han, i % 2 ? 'team' : 'my tasks'))
    for (const event of events) expect((await harness.postJson(event)).statusCode).toBe(200)
    expect(await waiting(h)).toBe(5)
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0)
    await h.intake!.start()
    await h.intake!.drained()
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(5)
    expect(await waiting(h)).toBe(0)
  })

  it('answers 500 when the event cannot be written down, so Slack delivers it again', async () => {
    h = await startSlackHarness({ intake: {} })
    h.intakeStore!.close()
    const event = dmEvent(USERS.liLei, 'promotion gap')
    const res = await h.postJson(event)
    expect(res.statusCode).toBe(500)
    await waitUntil(() => h!.log.lines.some((l) => l.level === 'error' && l.msg === 'slack request failed'))
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0)
  })
})
