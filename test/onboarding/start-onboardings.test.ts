// startOnboardings on the in-memory store: a hire nobody can reach yet keeps their
// welcome owed (and is not told twice what reached their manager) until they link a
// chat account; a course they already had keeps its assignment; a hire outside the
// window is not onboarded.
import { beforeEach, describe, expect, it } from 'vitest'
import { createCore } from '../../core/app/create-core.js'
import { type LadderDeps, ladderDeps } from '../../core/app/store.js'
import { startOnboardings } from '../../core/features/onboarding/index.js'
import { memoryLogger } from '../support/deps.js'
import { createMemoryStore, type MemoryStore } from '../support/memory-store.js'

// Wednesday 2 December 2026, 11:00 in Shanghai.
const NOW = new Date('2026-12-02T03:00:00Z')
let store: MemoryStore
let deps: LadderDeps
let log: ReturnType<typeof memoryLogger>

beforeEach(() => {
  store = createMemoryStore({
    department: [{ id: 1, code: 'RND', nameZh: '研发中心', nameEn: 'R&D' }],
    job: [{ id: 1, code: 'RD1', titleZh: '研发工程师', titleEn: 'R&D Engineer', track: 'rd', level: 1 }],
    course: [
      {
        id: 1,
        code: 'RD-JD',
        titleZh: '岗位说明书测试',
        titleEn: 'JD test',
        format: 'online',
        durationMinutes: 20,
        verification: 'quiz',
        passMark: 80,
      },
      { id: 2, code: 'CU-101', titleZh: '企业文化', titleEn: 'Culture', format: 'online', durationMinutes: 60 },
    ],
    employee: [
      { id: 1, email: 'boss@t.test', name: '老板', departmentId: 1, roles: 'employee,manager', hireDate: new Date('2015-01-05T00:00:00Z') },
      { id: 2, email: 'new@t.test', name: '新人', departmentId: 1, jobId: 1, managerId: 1, hireDate: new Date('2026-12-01T00:00:00Z') },
      { id: 3, email: 'late@t.test', name: '迟到', departmentId: 1, jobId: 1, managerId: 1, hireDate: new Date('2026-11-01T00:00:00Z') },
    ],
    chatIdentity: [{ platform: 'slack', tenant: 'T1', externalId: 'U_BOSS', employeeId: 1, linkedAt: new Date('2026-01-01T00:00:00Z') }],
    onboardingTemplateItem: [
      { scope: 'job:RD1', courseId: 1, dueDays: 3, position: 1 },
      { scope: 'job:RD1', courseId: 2, dueDays: 5, position: 2 },
    ],
    // The new hire was given the culture course by HR before they started: it stays as it is.
    trainingAssignment: [
      { employeeId: 2, courseId: 2, source: 'hr', assignedAt: new Date('2026-11-20T00:00:00Z'), dueAt: new Date('2026-12-31T10:00:00Z') },
    ],
  })
  log = memoryLogger()
  deps = ladderDeps({ store, clock: { now: () => NOW }, log, platforms: ['slack'] })
})

const keys = () => store.tables.outboxMessage.map((m) => m.idempotencyKey).sort()

describe('startOnboardings', () => {
  it('onboards the hire inside the window only, keeping an assignment they already had', async () => {
    expect(await startOnboardings(deps)).toEqual({ started: 1, welcomed: 0, managersTold: 1, completed: 0 })
    expect(store.tables.onboarding.map((o) => [o.employeeId, o.scope])).toEqual([[2, 'job:RD1']])
    const plan = store.tables.trainingAssignment.filter((a) => a.employeeId === 2).sort((a, b) => a.courseId - b.courseId)
    expect(plan.map((a) => [a.courseId, a.source, a.dueAt?.toISOString()])).toEqual([
      [1, 'onboarding', '2026-12-04T10:00:00.000Z'], // Friday 18:00 in Shanghai
      [2, 'hr', '2026-12-31T10:00:00.000Z'],
    ])
  })

  it('keeps the welcome of a hire nobody can reach owed, without telling the manager twice, and sends it when they link an account', async () => {
    await startOnboardings(deps)
    expect(keys()).toEqual(['onboarding-manager:2'])
    expect(store.tables.onboarding[0]!.welcomedAt).toBeNull()
    expect(await startOnboardings(deps)).toEqual({ started: 0, welcomed: 0, managersTold: 0, completed: 0 })
    expect(keys()).toEqual(['onboarding-manager:2'])
    // Tried once: a later run waits for an account instead of logging the same warning every 15 minutes.
    expect(log.lines.filter((l) => l.level === 'warn').map((l) => l.msg)).toEqual([
      'card not sent: the recipient has no linked chat account and the console is off',
    ])

    // First contact on Slack: the account is linked by e-mail, and the welcome follows.
    const reply = await createCore(deps).handleMessage({
      sender: { platform: 'slack', tenant: 'T1', userId: 'U_NEW', lookupEmail: async () => 'new@t.test' },
      text: '你好',
    })
    expect(reply?.isLinked).toBe(true)
    expect(keys()).toEqual(['onboarding-manager:2', 'onboarding-welcome:2'])
    const welcome = store.tables.outboxMessage.find((m) => m.idempotencyKey === 'onboarding-welcome:2')!
    expect([welcome.platform, welcome.destId, welcome.availableAt.toISOString()]).toEqual(['slack', 'U_NEW', NOW.toISOString()])
    expect(store.tables.onboarding[0]!.welcomedAt).toEqual(NOW)
    expect(await startOnboardings(deps)).toEqual({ started: 0, welcomed: 0, managersTold: 0, completed: 0 })
  })

  it('onboards nobody twice when two runs race', async () => {
    const [a, b] = await Promise.all([startOnboardings(deps), startOnboardings(deps)])
    expect(a.started + b.started).toBe(1)
    expect(store.tables.onboarding).toHaveLength(1)
  })
})
