// Two Ladder processes (two Prisma clients, two OS processes) on one SQLite file,
// sweeping and delivering at the same moment: every message goes out exactly once.
import { spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createTestDb, type TestDb } from '../support/db.js'

const PEOPLE = 150
const script = join(dirname(fileURLToPath(import.meta.url)), 'support', 'sweeper-process.ts')
let t: TestDb

beforeAll(async () => {
  t = await createTestDb()
  const course = await t.db.course.create({
    data: { code: 'CU-101', titleZh: '企业文化', titleEn: 'Company Culture', format: 'online', durationMinutes: 60 },
  })
  for (let i = 1; i <= PEOPLE; i++) {
    const e = await t.db.employee.create({ data: { email: `p${i}@x.test`, name: `员工${i}`, timeZone: 'Asia/Shanghai' } })
    await t.db.chatIdentity.create({ data: { platform: 'slack', tenant: 'T1', externalId: `U${i}`, employeeId: e.id } })
    // Assigned at 10:00 on Tuesday in Shanghai: everyone's first notice is due within the hour.
    await t.db.trainingAssignment.create({
      data: {
        employeeId: e.id,
        courseId: course.id,
        assignedAt: new Date('2026-11-17T02:00:00Z'),
        dueAt: new Date('2026-12-01T10:00:00Z'),
      },
    })
  }
})
afterAll(() => t.close())

interface Report {
  holder: string
  sweep: { enqueued: number } | string
  stats: { sent: number; lost: number }
  sent: string[]
}

function run(holder: string): Promise<Report> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', script, t.url, holder, '2026-11-17T02:01:00Z', '2026-11-17T04:00:00Z', String(PEOPLE)],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let out = ''
    let err = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    child.on('error', reject)
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!) as Report) : reject(new Error(`${holder} exited ${code}: ${err}`)),
    )
  })
}

it('sends no duplicates when two processes sweep and deliver the same database at once', async () => {
  const [a, b] = await Promise.all([run('process-a'), run('process-b')])
  const enqueued = [a, b].map((r) => (typeof r.sweep === 'string' ? 0 : r.sweep.enqueued))
  expect(enqueued[0]! + enqueued[1]!).toBe(PEOPLE)
  const sent = [...a.sent, ...b.sent]
  expect(new Set(sent).size).toBe(sent.length)
  expect(sent.sort()).toEqual(Array.from({ length: PEOPLE }, (_, i) => `U${i + 1}`).sort())
  expect(a.stats.lost + b.stats.lost).toBe(0)
  // Both delivered: the claims really did interleave.
  expect(Math.min(a.sent.length, b.sent.length)).toBeGreaterThan(0)
  expect(await t.db.outboxMessage.count({ where: { status: 'sent' } })).toBe(PEOPLE)
  expect(await t.db.reminderLog.count()).toBe(PEOPLE)
}, 60_000)
