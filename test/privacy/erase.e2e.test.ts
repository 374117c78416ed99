// Erasing a person over a real SQLite file: Quinn has data in every table that can
// hold a person (made through the core's own use cases and store ports), HR erases
// him, and no row anywhere still names him — while other people's data, and the 360
// aggregates others see, stay as they were.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { placeholdersFor, providerOf } from '../../adapters/db/raw-sql.js'
import { createPrismaStore } from '../../adapters/db/store.js'
import { command as auditCommand } from '../../bot/commands/audit.js'
import { command as eraseCommand } from '../../bot/commands/erase.js'
import { type Config, loadConfig } from '../../bot/config.js'
import { handleAction } from '../../core/app/handle-action.js'
import { runReminderSweep } from '../../core/app/run-sweep.js'
import { type LadderDeps, ladderDeps } from '../../core/app/store.js'
import { feedbackReport } from '../../core/features/feedback/read-report.js'
import { erasePerson } from '../../core/features/privacy/index.js'
import type { ActionId } from '../../core/kernel/cards/card.js'
import { DEFAULT_REMINDER_POLICY } from '../../core/kernel/reminder-options.js'
import { act, actorOf, answers, buildFeedbackOrg, type FeedbackOrg } from '../feedback/support.js'
import { createTestDb, type TestDb } from '../support/db.js'
import { memoryLogger } from '../support/deps.js'
import { NOW } from '../support/org.js'
import { seederFor } from '../support/seed.js'

let t: TestDb
let org: FeedbackOrg
let deps: LadderDeps
let quinn: number
let cycleId: number
let config: Config
const QUINN = { email: 'quinn@t.test', name: '秦昆', nameEn: 'Quinn Zhao', slack: 'U0QUINN', feishu: 'ou_quinn_7f3a' }
const STRINGS = [QUINN.email, QUINN.name, QUINN.nameEn, QUINN.slack, QUINN.feishu]

const click = async (email: string, actionId: ActionId, value: string) =>
  handleAction(deps, await actorOf(deps, email), {
    sender: { platform: 'cli', tenant: 'local', userId: email },
    surface: { kind: 'direct' },
    actionId,
    value,
  })

/** Every user table and its columns, from the database itself (SQLite or PostgreSQL): a table added later is scanned too. */
async function tables(): Promise<{ table: string; columns: string[] }[]> {
  if (providerOf(t.db) !== 'sqlite') {
    const rows = await t.db.$queryRawUnsafe<{ t: string; c: string }[]>(
      `SELECT table_name::text AS t, column_name::text AS c FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name NOT LIKE '\\_prisma%' ORDER BY table_name, ordinal_position`,
    )
    const byTable = new Map<string, string[]>()
    for (const r of rows) byTable.set(r.t, [...(byTable.get(r.t) ?? []), r.c])
    return [...byTable].map(([table, columns]) => ({ table, columns }))
  }
  const names = await t.db.$queryRawUnsafe<{ name: string }[]>(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_prisma%'`,
  )
  const out = []
  for (const { name } of names) {
    const columns = (await t.db.$queryRawUnsafe<{ name: string }[]>(`PRAGMA table_info("${name}")`)).map((c) => c.name)
    out.push({ table: name, columns })
  }
  return out
}

/** "Table.column" where any of the strings occurs in any column, as text. */
async function occurrences(strings: readonly string[]): Promise<string[]> {
  const hits: string[] = []
  for (const { table, columns } of await tables())
    for (const column of columns)
      for (const s of strings) {
        const [row] = await t.db.$queryRawUnsafe<{ n: number | bigint }[]>(
          placeholdersFor(t.db, `SELECT COUNT(*) AS n FROM "${table}" WHERE instr(CAST("${column}" AS TEXT), ?) > 0`),
          s,
        )
        if (Number(row!.n) > 0) hits.push(`${table}.${column} ∋ ${s}`)
      }
  return hits
}

/** The columns that link a row to a person: none may still hold the erased id. */
const PERSON_LINKS: [string, string][] = [
  ['ChatIdentity', 'employeeId'],
  ['Assessment', 'employeeId'],
  ['Assessment', 'assessorId'],
  ['Evidence', 'employeeId'],
  ['QuizAttempt', 'employeeId'],
  ['TrainingAssignment', 'employeeId'],
  ['TrainingAssignment', 'assignedById'],
  ['EvaluationTask', 'assigneeId'],
  ['EvaluationTask', 'subjectId'],
  ['AuditLog', 'actorId'],
  ['FeedbackCycle', 'createdById'],
  ['FeedbackSubject', 'employeeId'],
  ['FeedbackSubject', 'managerId'],
  ['FeedbackRequest', 'raterId'],
  ['FeedbackRequest', 'nominatedById'],
  ['FeedbackResponse', 'subjectId'],
  ['SealedAnswer', 'subjectId'],
  ['ReminderLog', 'recipientId'],
  ['OutboxMessage', 'employeeId'],
  ['BroadcastRecipient', 'employeeId'],
  ['ProgrammeParticipant', 'employeeId'],
  ['ProgrammeTask', 'participantId'],
  ['ProgrammeReflection', 'employeeId'],
  ['Employee', 'managerId'],
  ['QuizAttempt', 'employeeId'],
]

async function links(id: number): Promise<string[]> {
  const hits: string[] = []
  for (const [table, column] of PERSON_LINKS) {
    const [row] = await t.db.$queryRawUnsafe<{ n: number | bigint }[]>(
      placeholdersFor(t.db, `SELECT COUNT(*) AS n FROM "${table}" WHERE "${column}" = ?`),
      id,
    )
    if (Number(row!.n) > 0) hits.push(`${table}.${column}`)
  }
  const about = await t.db.auditLog.count({ where: { entity: 'Employee', entityId: String(id), NOT: { action: 'person.erase' } } })
  if (about > 0) hits.push('AuditLog.entityId')
  return hits
}

const count = async (table: string) =>
  Number((await t.db.$queryRawUnsafe<{ n: number | bigint }[]>(`SELECT COUNT(*) AS n FROM "${table}"`))[0]!.n)

let out: string[]
let err: string[]
async function ladder(run: (args: string[], config: Config) => Promise<number>, ...args: string[]): Promise<number> {
  out = []
  err = []
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')))
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')))
  try {
    return await run(args, config)
  } finally {
    log.mockRestore()
    error.mockRestore()
  }
}

let eveReportBefore: string
let eveResponsesBefore: string[]
let othersBefore: Record<string, number>

beforeAll(async () => {
  t = await createTestDb()
  org = await buildFeedbackOrg(t.db)
  const seed = seederFor(t.db)
  quinn = (
    await seed.create('employee', {
      email: QUINN.email,
      name: QUINN.name,
      nameEn: QUINN.nameEn,
      managerId: org.ids.mia,
      jobId: org.jobs.RD2,
    })
  ).id
  config = loadConfig({
    DATABASE_URL: t.url,
    LOG_LEVEL: 'silent',
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_APP_TOKEN: 'xapp-test',
  } as NodeJS.ProcessEnv)
  // Cards go to the outbox, as in production.
  deps = ladderDeps({ store: createPrismaStore(t.db), clock: { now: () => NOW }, log: memoryLogger(), platforms: ['slack', 'feishu'] })
  const store = deps.store

  // Chat accounts, and a question of his still waiting in the intake.
  await store.employees.linkIdentity('slack', 'T1', QUINN.slack, quinn)
  await store.employees.linkIdentity('feishu', 'tenant1', QUINN.feishu, quinn)
  await store.employees.linkIdentity('slack', 'T1', 'U0MIA', org.ids.mia)
  await store.employees.linkIdentity('slack', 'T1', 'U0TOM', org.ids.tom)
  await t.db.inboundEvent.create({
    data: { platform: 'slack', eventId: 'Ev-quinn', payload: JSON.stringify({ event: { user: QUINN.slack, text: '我的待办' } }) },
  })
  await store.events.markProcessed('slack', 'Ev-quinn-old')

  // Training: he enrols himself and finishes; his manager assigns him another course.
  await click(QUINN.email, 'enrol', 'RD-101')
  const own = await t.db.trainingAssignment.findFirstOrThrow({ where: { employeeId: quinn, courseId: org.courses.PM } })
  await store.progress.addQuizAttempt({
    assignmentId: own.id,
    employeeId: quinn,
    courseId: org.courses.PM,
    score: 60,
    passed: false,
    wrong: [1],
    at: NOW,
  })
  await click(QUINN.email, 'training_done', String(own.id))
  expect((await click('mia@t.test', 'assign', `CU-101@${quinn}`)).kind).toBe('replace')
  const assigned = await t.db.trainingAssignment.findFirstOrThrow({ where: { employeeId: quinn, courseId: org.courses.CULTURE } })

  // Evaluations: his own, his manager's of him, and one he gave Eve as a peer.
  await store.progress.addAssessments([
    { employeeId: quinn, dimensionId: org.dims.tech, attainment: 70, source: 'supervisor', assessedAt: NOW, assessorId: org.ids.mia },
    {
      employeeId: org.ids.eve,
      dimensionId: org.dims.proj,
      attainment: 65,
      source: 'peer',
      assessedAt: NOW,
      assessorId: quinn,
      note: 'solid',
    },
  ])
  await store.progress.openEvaluation({
    kind: 'self_evaluation',
    assigneeId: quinn,
    subjectId: quinn,
    dimensionId: null,
    dueAt: NOW,
    now: NOW,
  })
  await store.progress.openEvaluation({
    kind: 'supervisor_evaluation',
    assigneeId: org.ids.mia,
    subjectId: quinn,
    dimensionId: null,
    dueAt: new Date(NOW.getTime() - 3 * 86_400_000),
    now: NOW,
  })

  // A programme with a reflection, and a channel broadcast he was enrolled by.
  const programme = await store.programmes.create({
    code: 'RC-1',
    name: { zh: '后备干部', en: 'Reserve cadre' },
    template: '{}',
    startedAt: NOW,
    createdById: org.ids.hana,
    stages: [{ position: 1, key: 'reflect', kind: 'reflection', plannedStartAt: NOW, durationDays: 7 }],
    participantIds: [quinn, org.ids.eve],
  })
  const reflection = await store.programmes.createEvaluationTask({
    kind: 'reflection',
    assigneeId: quinn,
    subjectId: null,
    dueAt: NOW,
    now: NOW,
  })
  await store.programmes.linkTasks([
    { stageId: programme.stages[0]!.id, participantId: quinn, taskKind: 'evaluation', taskId: reflection.id },
  ])
  await store.programmes.saveReflection({ taskId: reflection.id, employeeId: quinn, text: '学到了很多', submittedAt: NOW })
  const broadcast = await store.broadcasts.create({
    platform: 'slack',
    tenant: 'T1',
    channelId: 'C1',
    courseId: org.courses.CULTURE,
    dueAt: NOW,
    createdById: org.ids.hana,
    createdAt: NOW,
    cardKey: 'broadcast:card:1',
    memberCount: 2,
    unlinkedCount: 0,
  })
  if (!broadcast) throw new Error('the broadcast was not created')
  await store.broadcasts.addRecipients(broadcast.id, [{ employeeId: quinn, assignmentId: assigned.id }])

  // 360: Eve and Quinn are both subjects; Quinn is also one of Eve's four peers.
  await act(deps, 'hana@t.test', 'submit_form', 'cycle:launch', {
    name: 'Q4 360',
    subjects: `eve@t.test, ${QUINN.email}`,
    opens: '2026-11-23',
    closes: '2026-12-07',
    perspectives: 'self,manager,peer,report',
    nomination: 'manager',
    peerCap: '8',
  })
  cycleId = (await t.db.feedbackCycle.findFirstOrThrow()).id
  await act(deps, 'mia@t.test', 'submit_form', `cycle:${cycleId}:nominate:${org.ids.eve}`, {
    peers: `tom@t.test, lin@t.test, kai@t.test, ${QUINN.email}`,
  })
  await act(deps, 'mia@t.test', 'submit_form', `cycle:${cycleId}:nominate:${quinn}`, { peers: 'tom@t.test, lin@t.test, kai@t.test' })
  await act(deps, 'hana@t.test', 'submit_form', `cycle:${cycleId}:open`)
  const requests = await t.db.feedbackRequest.findMany({ include: { feedbackSubject: true } })
  const requestOf = (raterId: number, subjectId: number) =>
    requests.find((r) => r.raterId === raterId && r.feedbackSubject.employeeId === subjectId)!.id
  const submit = (email: string, raterId: number, subjectId: number, a: Record<string, string>) =>
    act(deps, email, 'submit_form', `feedback:${requestOf(raterId, subjectId)}`, a)
  await submit('eve@t.test', org.ids.eve, org.ids.eve, answers(4, 4, 4, 4))
  await submit('mia@t.test', org.ids.mia, org.ids.eve, answers(3, 4, 3, 4))
  await submit('tom@t.test', org.ids.tom, org.ids.eve, answers(3, 3, 3, 3, 'TOM-ON-EVE'))
  await submit('lin@t.test', org.more.lin, org.ids.eve, answers(4, 4, 4, 4))
  await submit('kai@t.test', org.more.kai, org.ids.eve, answers(5, 4, 3, 2))
  await submit(QUINN.email, quinn, org.ids.eve, answers(2, 3, 4, 5, 'QUINN-ON-EVE'))
  await submit(QUINN.email, quinn, quinn, answers(5, 5, 5, 5, '我自己很好'))
  await submit('mia@t.test', org.ids.mia, quinn, answers(3, 3, 3, 3, 'MIA-ON-QUINN'))
  await submit('tom@t.test', org.ids.tom, quinn, answers(3, 3, 3, 3))
  await act(deps, 'hana@t.test', 'submit_form', `cycle:${cycleId}:close`)

  // The reminder sweep: his digests, and his manager's, which names him, go to the outbox.
  await runReminderSweep(deps, { policy: DEFAULT_REMINDER_POLICY, platforms: ['slack', 'feishu'], holder: 'test' })
  // One of his messages was delivered already.
  const delivered = await t.db.outboxMessage.findFirstOrThrow({ where: { employeeId: quinn } })
  await t.db.outboxMessage.update({
    where: { id: delivered.id },
    data: { status: 'sent', sentAt: NOW, refChannelId: 'D0QUINN', refMessageId: '1.2' },
  })

  const report = await feedbackReport(deps, await actorOf(deps, 'hana@t.test'), { cycleId, subjectId: org.ids.eve })
  eveReportBefore = JSON.stringify(report)
  eveResponsesBefore = (await t.db.feedbackResponse.findMany({ where: { subjectId: org.ids.eve } })).map((r) => r.answers).sort()
  othersBefore = {
    eveAssessments: await t.db.assessment.count({ where: { employeeId: org.ids.eve } }),
    eveTrainings: await t.db.trainingAssignment.count({ where: { employeeId: org.ids.eve } }),
    miaIdentities: await t.db.chatIdentity.count({ where: { employeeId: org.ids.mia } }),
    eveRequests: await t.db.feedbackRequest.count({ where: { feedbackSubject: { employeeId: org.ids.eve }, raterId: { not: quinn } } }),
    programmes: await t.db.programme.count(),
    broadcasts: await t.db.broadcast.count(),
    processedEvents: await t.db.processedEvent.count(),
  }
})
afterAll(async () => t.close())

describe('before the erasure', () => {
  it('Quinn is in every table that can hold a person', async () => {
    for (const [table, column] of [
      ['ChatIdentity', 'employeeId'],
      ['Assessment', 'employeeId'],
      ['Assessment', 'assessorId'],
      ['Evidence', 'employeeId'],
      ['QuizAttempt', 'employeeId'],
      ['TrainingAssignment', 'employeeId'],
      ['EvaluationTask', 'assigneeId'],
      ['EvaluationTask', 'subjectId'],
      ['AuditLog', 'actorId'],
      ['FeedbackSubject', 'employeeId'],
      ['FeedbackRequest', 'raterId'],
      ['FeedbackResponse', 'subjectId'],
      ['SealedAnswer', 'subjectId'],
      ['ReminderLog', 'recipientId'],
      ['OutboxMessage', 'employeeId'],
      ['BroadcastRecipient', 'employeeId'],
      ['ProgrammeParticipant', 'employeeId'],
      ['ProgrammeTask', 'participantId'],
      ['ProgrammeReflection', 'employeeId'],
    ] as const) {
      const [row] = await t.db.$queryRawUnsafe<{ n: number | bigint }[]>(
        placeholdersFor(t.db, `SELECT COUNT(*) AS n FROM "${table}" WHERE "${column}" = ?`),
        quinn,
      )
      expect(Number(row!.n), `${table}.${column}`).toBeGreaterThan(0)
    }
    const hits = await occurrences(STRINGS)
    // Named in cards to others (his manager's reminder, raters' 360 cards) and in the audit data.
    expect(hits).toEqual(
      expect.arrayContaining(['Employee.email ∋ quinn@t.test', 'InboundEvent.payload ∋ U0QUINN', 'OutboxMessage.card ∋ Quinn Zhao']),
    )
    expect(await t.db.outboxMessage.count({ where: { employeeId: { not: quinn }, card: { contains: QUINN.nameEn } } })).toBeGreaterThan(0)
    expect(await t.db.auditLog.count({ where: { data: { contains: `"employeeId":${quinn}` } } })).toBeGreaterThan(0)
  })
})

describe('erasing', () => {
  it('refuses anyone but HR, and nobody erases themselves', async () => {
    expect(await erasePerson(deps, await actorOf(deps, 'mia@t.test'), { employeeId: quinn })).toEqual({ kind: 'refused' })
    expect(await erasePerson(deps, await actorOf(deps, 'hana@t.test'), { employeeId: org.ids.hana })).toEqual({ kind: 'self' })
    expect(await ladder(eraseCommand.run.bind(eraseCommand), '--email', QUINN.email, '--as', 'tom@t.test', '--yes')).toBe(1)
    expect(out.join('\n')).toContain('Refused')
    expect(await t.db.employee.count({ where: { email: QUINN.email } })).toBe(1)
  })

  it('previews without changing anything (the same erasure, rolled back)', async () => {
    const before = await Promise.all((await tables()).map(async ({ table }) => [table, await count(table)]))
    expect(await ladder(eraseCommand.run.bind(eraseCommand), '--email', QUINN.email, '--as', 'hana@t.test')).toBe(0)
    const text = out.join('\n')
    expect(text).toContain('Dry run')
    expect(text).toContain('Run again with --yes')
    expect(text).toMatch(/FeedbackResponse：删除 \d+ 行|FeedbackResponse:删除 \d+ 行|FeedbackResponse: \d+ deleted/)
    const after = await Promise.all((await tables()).map(async ({ table }) => [table, await count(table)]))
    expect(after).toEqual(before)
    expect(await t.db.employee.count({ where: { email: QUINN.email } })).toBe(1)
  })

  it('erases: no row names him, nothing links to him but his tombstone', async () => {
    expect(await ladder(eraseCommand.run.bind(eraseCommand), '--email', QUINN.email, '--as', 'hana@t.test', '--yes', '--json')).toBe(0)
    const summary = JSON.parse(out.join('\n')) as {
      result: string
      tombstoneId: number
      rows: { table: string; action: string; rows: number }[]
    }
    expect(summary).toMatchObject({ result: 'erased', tombstoneId: quinn })
    const tablesTouched = new Set(summary.rows.map((r) => r.table))
    for (const table of [
      'ChatIdentity',
      'Assessment',
      'Evidence',
      'QuizAttempt',
      'TrainingAssignment',
      'EvaluationTask',
      'FeedbackRequest',
      'FeedbackResponse',
      'FeedbackSubject',
      'ReminderLog',
      'OutboxMessage',
      'InboundEvent',
      'BroadcastRecipient',
      'ProgrammeParticipant',
      'ProgrammeTask',
      'ProgrammeReflection',
      'AuditLog',
      'Employee',
    ])
      expect(tablesTouched, table).toContain(table)

    expect(await occurrences(STRINGS)).toEqual([])
    expect(await links(quinn)).toEqual([])
    // No audit data keeps his id under a key that names a person.
    for (const a of await t.db.auditLog.findMany({ where: { data: { not: null } } })) {
      const data = JSON.stringify(JSON.parse(a.data!))
      expect(data, a.action).not.toMatch(new RegExp(`"(employeeId|employee|learnerId|subjectId)":${quinn}[,}]`))
      expect(data, a.action).not.toMatch(new RegExp(`"(raters|approved|rejected|subjects)":\\[[^\\]]*\\b${quinn}\\b`))
    }

    const stone = await t.db.employee.findUniqueOrThrow({ where: { id: quinn } })
    expect(stone).toMatchObject({
      email: `erased-${quinn}@erased.invalid`,
      name: `已删除人员 #${quinn}`,
      nameEn: `Erased person #${quinn}`,
      status: 'inactive',
      managerId: null,
      jobId: null,
      departmentId: null,
      hireDate: null,
    })
    const record = await t.db.auditLog.findFirstOrThrow({ where: { action: 'person.erase' } })
    expect(record).toMatchObject({ entity: 'Employee', entityId: String(quinn), actorId: org.ids.hana })
    expect(record.data).toContain('"FeedbackResponse.deleted"')
  })

  it("keeps other people's data, and the 360 aggregates others see", async () => {
    expect(JSON.stringify(await feedbackReport(deps, await actorOf(deps, 'hana@t.test'), { cycleId, subjectId: org.ids.eve }))).toBe(
      eveReportBefore,
    )
    // His answer about Eve was never linked to him: it stays, anonymous, in her peer group.
    expect((await t.db.feedbackResponse.findMany({ where: { subjectId: org.ids.eve } })).map((r) => r.answers).sort()).toEqual(
      eveResponsesBefore,
    )
    expect({
      eveAssessments: await t.db.assessment.count({ where: { employeeId: org.ids.eve } }),
      eveTrainings: await t.db.trainingAssignment.count({ where: { employeeId: org.ids.eve } }),
      miaIdentities: await t.db.chatIdentity.count({ where: { employeeId: org.ids.mia } }),
      eveRequests: await t.db.feedbackRequest.count({ where: { feedbackSubject: { employeeId: org.ids.eve } } }),
      programmes: await t.db.programme.count(),
      broadcasts: await t.db.broadcast.count(),
      processedEvents: await t.db.processedEvent.count(),
    }).toEqual(othersBefore)
    // The evaluation he gave Eve stays hers, without the evaluator.
    expect(await t.db.assessment.findFirst({ where: { employeeId: org.ids.eve, source: 'peer', note: 'solid' } })).toMatchObject({
      assessorId: null,
    })
  })

  it('is idempotent: again, nothing is left to erase', async () => {
    expect(await erasePerson(deps, await actorOf(deps, 'hana@t.test'), { employeeId: quinn })).toMatchObject({ kind: 'already_erased' })
    expect(await ladder(eraseCommand.run.bind(eraseCommand), '--email', QUINN.email, '--yes')).toBe(0)
    expect(out.join('\n')).toContain('Nothing to erase')
    expect(await t.db.auditLog.count({ where: { action: 'person.erase' } })).toBe(1)
    // The next sweep plans nothing for him and names him nowhere.
    await runReminderSweep(deps, { policy: DEFAULT_REMINDER_POLICY, platforms: ['slack', 'feishu'], holder: 'test' })
    expect(await occurrences(STRINGS)).toEqual([])
    expect(await links(quinn)).toEqual([])
  })
})

describe('ladder audit', () => {
  it('reads the log newest first as HR, with the erasure anonymous', async () => {
    expect(await ladder(auditCommand.run.bind(auditCommand), '--as', 'hana@t.test', '--action', 'person.', '--limit', '5')).toBe(0)
    const lines = out.join('\n').split('\n')
    expect(lines[0]).toMatch(/^time \(Asia\/Shanghai\)\s+actor\s+action\s+entity\s+data$/)
    expect(lines[2]).toMatch(new RegExp(`^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}\\s+花\\s+person\\.erase\\s+Employee ${quinn}\\s+\\{"rows"`))
    expect(out.join('\n')).not.toContain(QUINN.email)

    expect(await ladder(auditCommand.run.bind(auditCommand), '--who', 'mia@t.test', '--json')).toBe(0)
    const entries = JSON.parse(out.join('\n')) as { actorId: number | null; action: string; at: string }[]
    expect(entries.length).toBeGreaterThan(0)
    expect(entries.every((e) => e.actorId === org.ids.mia)).toBe(true)
    expect(entries.map((e) => e.at)).toEqual([...entries.map((e) => e.at)].sort().reverse())
    // What he did himself is still there, by nobody.
    expect(await ladder(auditCommand.run.bind(auditCommand), '--action', 'training.enrol', '--json')).toBe(0)
    expect(JSON.parse(out.join('\n'))).toContainEqual(expect.objectContaining({ actorId: null, actor: 'erased', action: 'training.enrol' }))
  })

  it('refuses anyone but HR, and says what is wrong with its arguments', async () => {
    expect(await ladder(auditCommand.run.bind(auditCommand), '--as', 'mia@t.test')).toBe(1)
    expect(err.join('\n')).toContain('only HR')
    expect(await ladder(auditCommand.run.bind(auditCommand), '--since', '1.12.2026')).toBe(2)
    expect(await ladder(auditCommand.run.bind(auditCommand), '--limit', '0')).toBe(2)
    expect(await ladder(auditCommand.run.bind(auditCommand), '--who', 'nobody@t.test')).toBe(1)
    expect(await ladder(auditCommand.run.bind(auditCommand), '--since', '2099-01-01')).toBe(0)
    expect(out.join('\n')).toBe('No audit entries match.')
  })
})
