// Issue 16, programme gaps: progress counts only what was done, stage dates follow
// the template's calendar whatever the sweep does, the reflection stage collects
// text, the result stage produces each participant's record (培养档案).
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runReminderSweep } from '../../core/app/run-sweep.js'
import type { LadderDeps } from '../../core/app/store.js'
import { advanceProgrammes, programmeStatus, startProgramme } from '../../core/features/programmes/index.js'
import { programmeStatusCard } from '../../core/features/programmes/programme-card.js'
import { DEFAULT_REMINDER_POLICY } from '../../core/kernel/reminder-options.js'
import { createTestDb, type TestDb } from '../support/db.js'
import type { memoryLogger } from '../support/deps.js'
import { actorFor, buildReminderOrg, fakeClock, type ReminderOrg, reminderDeps } from './support/reminder-org.js'
import { giveTeamLeadStandard } from './support/team-lead-standard.js'

const DAY = 86_400_000
const reserveCadre = JSON.parse(readFileSync(new URL('../../examples/programmes/reserve-cadre.json', import.meta.url), 'utf8')) as Record<
  string,
  unknown
>
const start = new Date('2026-11-17T02:00:00Z')
const clock = fakeClock(start)
let t: TestDb
let org: ReminderOrg

beforeAll(async () => {
  t = await createTestDb()
  org = await buildReminderOrg(t.db)
  await giveTeamLeadStandard(t.db, [org.ids.eve, org.ids.tom])
})
afterAll(() => t.close())

const deps = (): LadderDeps & { log: ReturnType<typeof memoryLogger> } => ({ ...reminderDeps(t.db, clock), deliver: async () => {} })

async function startAs(template: unknown, emails: string[], startAt?: Date) {
  const d = deps()
  const started = await startProgramme(d, await actorFor(d, org.ids.hana), {
    template,
    participantEmails: emails,
    ...(startAt ? { startAt } : {}),
  })
  if (started.kind !== 'started') throw new Error(started.kind)
  return started.programme
}

const sweep = (d: LadderDeps) =>
  runReminderSweep(d, { policy: { ...DEFAULT_REMINDER_POLICY, horizonMinutes: 60 }, platforms: ['slack', 'feishu'], holder: 'finish' })

describe('programme progress', () => {
  it('does not count an expired 360 request as done: 0/3 answered, 3 expired', async () => {
    clock.set(start)
    const programme = await startAs(
      {
        code: 'expiring',
        name: { zh: '快速测评', en: 'Quick review' },
        stages: [{ key: 'review', kind: 'rating_360', name: { zh: '360 测评', en: '360 review' }, durationDays: 2 }],
      },
      ['eve@r.test'],
    )
    clock.advance(2 * DAY)
    expect(await advanceProgrammes(deps())).toMatchObject({ completed: 1 })
    const d = deps()
    const status = await programmeStatus(d, await actorFor(d, org.ids.hana), { programmeId: programme.id })
    if (status.kind !== 'status') throw new Error(status.kind)
    expect(status.programmes[0]!.stages.map((s) => [s.done, s.expired, s.open, s.total])).toEqual([[0, 3, 0, 3]])
    const lines = programmeStatusCard(status, 'en', 'Asia/Shanghai').fallback.split('\n')
    expect(lines[2]).toBe('360 review: 0% (0/3 answered, 3 expired · completed Nov 19, 2026)')
    expect(programmeStatusCard(status, 'zh-CN', 'Asia/Shanghai').fallback).toContain('0/3 已答, 3 已过期')
  })
})

describe('programme calendar', () => {
  it('keeps the template calendar when sweeps are skipped for days: a late stage is due when planned', async () => {
    clock.set(start)
    const programme = await startAs(reserveCadre, ['eve@r.test'], start)
    const due = (offsetDays: number) => start.getTime() + offsetDays * DAY
    // No sweep runs from day 0 to day 33: the reflection was planned for day 30, due day 37.
    clock.set(new Date(due(33)))
    const d = deps()
    const swept = await sweep(d)
    expect(swept).toMatchObject({ kind: 'swept', programmes: { activated: 1 } })
    const stages = await t.db.programmeStage.findMany({ where: { programmeId: programme.id }, orderBy: { position: 'asc' } })
    expect(stages.map((s) => [s.key, s.status, s.plannedStartAt.getTime(), s.dueAt?.getTime() ?? null])).toEqual([
      ['training', 'active', due(0), due(30)],
      ['reflection', 'active', due(30), due(37)],
      ['review-360', 'pending', due(37), null],
      ['supervisor', 'pending', due(51), null],
      ['result', 'pending', due(58), null],
    ])
    const reflections = await t.db.programmeTask.findMany({ where: { stageId: stages[1]!.id } })
    const tasks = await t.db.evaluationTask.findMany({ where: { id: { in: reflections.map((r) => r.taskId) } } })
    expect(tasks.map((x) => x.dueAt?.getTime())).toEqual([due(37)])
    // Skipped again until day 60: the 360 and the supervisor's stage catch up on their planned dates.
    clock.set(new Date(due(60)))
    await sweep(deps())
    const later = await t.db.programmeStage.findMany({ where: { programmeId: programme.id }, orderBy: { position: 'asc' } })
    expect(later.map((s) => [s.key, s.dueAt?.getTime() ?? null])).toEqual([
      ['training', due(30)],
      ['reflection', due(37)],
      ['review-360', due(51)],
      ['supervisor', due(58)],
      ['result', due(58)],
    ])
  })
})
