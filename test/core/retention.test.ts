// Retention on the in-memory store: the same rules as the SQL in
// adapters/db/privacy-store.ts (test/privacy/retention.e2e.test.ts runs them on SQLite).
import { describe, expect, it } from 'vitest'
import { DEFAULT_RETENTION, pruneExpired } from '../../core/features/privacy/index.js'
import { makeDeps } from '../support/deps.js'
import { createMemoryStore } from '../support/memory-store.js'

const NOW = new Date('2027-06-01T00:00:00Z')
const ago = (days: number) => new Date(NOW.getTime() - days * 86_400_000)

function storeWithOldRows() {
  const store = createMemoryStore()
  for (let i = 0; i < 5; i++) store.insert('processedEvent', { platform: 'slack', eventId: `Ev${i}`, receivedAt: ago(8) })
  store.insert('processedEvent', { platform: 'slack', eventId: 'fresh', receivedAt: ago(1) })
  const outbox = (idempotencyKey: string, status: string, createdDaysAgo: number, sentDaysAgo: number | null) =>
    store.insert('outboxMessage', {
      idempotencyKey,
      kind: 'notice',
      platform: 'slack',
      tenant: 'T1',
      destKind: 'user',
      destId: 'U1',
      card: '{}',
      status,
      availableAt: ago(createdDaysAgo),
      createdAt: ago(createdDaysAgo),
      sentAt: sentDaysAgo === null ? null : ago(sentDaysAgo),
    })
  outbox('sent-old', 'sent', 45, 31)
  outbox('sent-recent', 'sent', 45, 29)
  outbox('dead-old', 'dead', 40, null)
  outbox('pending-old', 'pending', 90, null)
  outbox('broadcast:card', 'sent', 60, 60)
  store.insert('broadcast', {
    platform: 'slack',
    tenant: 'T1',
    channelId: 'C1',
    courseId: 1,
    dueAt: ago(50),
    createdById: 1,
    createdAt: ago(60),
    cardKey: 'broadcast:card',
    memberCount: 1,
    unlinkedCount: 0,
  })
  const closed = store.insert('trainingAssignment', { employeeId: 1, courseId: 1, status: 'completed' })
  const open = store.insert('trainingAssignment', { employeeId: 2, courseId: 1, status: 'assigned' })
  const step = (taskId: number, step: string, days: number) =>
    store.insert('reminderLog', { taskKind: 'training', taskId, step, recipientId: 1, at: ago(days), outboxKey: 'k' })
  step(closed.id, 'assigned', 80)
  step(closed.id, 'due', 10)
  step(open.id, 'assigned', 80)
  for (const [action, days] of [
    ['training.enrol', 366],
    ['training.done', 364],
    ['person.erase', 500],
  ] as const)
    store.insert('auditLog', { at: ago(days), actor: 'cli', action, entity: 'Employee', entityId: '1' })
  return store
}

describe('pruneExpired on the in-memory store', () => {
  it('deletes what is past its retention and nothing else, a batch at a time', async () => {
    const store = storeWithOldRows()
    const result = await pruneExpired(makeDeps(store, NOW), DEFAULT_RETENTION, { batchSize: 2 })
    expect(result).toEqual({ processed_events: 5, delivered_outbox: 2, closed_reminder_logs: 1, audit: 1 })
    expect(store.tables.processedEvent.map((e) => e.eventId)).toEqual(['fresh'])
    expect(store.tables.outboxMessage.map((m) => m.idempotencyKey)).toEqual(['sent-recent', 'pending-old', 'broadcast:card'])
    expect(store.tables.reminderLog.map((l) => l.step)).toEqual(['due', 'assigned'])
    expect(store.tables.auditLog.map((a) => a.action)).toEqual(['training.done', 'person.erase'])
  })

  it('keeps everything with 0 days', async () => {
    const store = storeWithOldRows()
    const result = await pruneExpired(makeDeps(store, NOW), { processedEventsDays: 0, deliveredOutboxDays: 0, auditDays: 0 })
    expect(result).toEqual({ processed_events: 0, delivered_outbox: 0, closed_reminder_logs: 0, audit: 0 })
    expect(store.tables.processedEvent).toHaveLength(6)
  })
})
