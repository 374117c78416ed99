// Programmes: HR starts a template for participants; each stage begins when its
// planned start arrives or the previous stage is complete, and creates its tasks
// then (the reminder engine nags them like any other); HR sees completion per stage.
// A 360 stage runs as a 360 cycle (programme-cycle.ts).
import type { Actor } from '../../kernel/context.js'
import { isHr } from '../../kernel/context.js'
import type { Employee } from '../../kernel/domain/types.js'
import type { Delivery } from '../../kernel/messaging.js'
import type { ProgrammeDeps, ProgrammeRecord, ProgrammeStageRecord, ProgrammeStore, StageTaskRow } from './ports.js'
import { closeStageCycle, deliverStageCards, type FeedbackSpec, launchStageCycle } from './programme-cycle.js'
import { programmeRecords } from './programme-record.js'
import { programmeRecordsCard } from './programme-record-card.js'
import { type StageTaskSpec, stageTaskSpecs } from './programme-stages.js'
import { type ProgrammeTemplate, parseProgrammeTemplate } from './programme-template.js'

const DAY = 86_400_000
/** Settled: nothing more will happen to the task (the stage may end). Not the same as done. */
const SETTLED_STATUSES = new Set(['completed', 'waived', 'cancelled'])
/** Done by the person asked (a waived training counts: HR let them off on purpose). */
const DONE_STATUSES = new Set(['completed', 'waived'])
/** Closed without being done: a 360 request that expired or was declined cancels its task. */
const EXPIRED_STATUSES = new Set(['cancelled', 'expired'])

export type StartProgrammeResult =
  | { kind: 'started'; programme: ProgrammeRecord; advance: AdvanceResult }
  | { kind: 'refused' }
  | { kind: 'invalid_template'; problems: string[] }
  | { kind: 'unknown_courses'; codes: string[] }
  | { kind: 'unknown_people'; emails: string[] }
  | { kind: 'no_participants' }

export interface AdvanceResult {
  activated: number
  completed: number
  tasksCreated: number
}

export async function startProgramme(
  deps: ProgrammeDeps,
  actor: Actor,
  options: { template: unknown; participantEmails: readonly string[]; startAt?: Date },
): Promise<StartProgrammeResult> {
  if (!isHr(actor.employee)) return { kind: 'refused' }
  const parsed = parseProgrammeTemplate(options.template)
  if (parsed.kind === 'invalid') return { kind: 'invalid_template', problems: parsed.problems }
  const template = parsed.template
  const now = deps.clock.now()
  const catalog = await deps.store.catalog.load(now)
  const known = new Set(catalog.courses.map((c) => c.code.toLowerCase()))
  const unknownCourses = template.stages.flatMap((s) => s.courses ?? []).filter((c) => !known.has(c.toLowerCase()))
  if (unknownCourses.length > 0) return { kind: 'unknown_courses', codes: [...new Set(unknownCourses)] }
  const emails = [...new Set(options.participantEmails.map((e) => e.trim().toLowerCase()).filter(Boolean))]
  if (emails.length === 0) return { kind: 'no_participants' }
  const participants: Employee[] = []
  const unknownPeople: string[] = []
  for (const email of emails) {
    const e = await deps.store.employees.byEmail(email)
    if (e && e.status === 'active') participants.push(e)
    else unknownPeople.push(email)
  }
  if (unknownPeople.length > 0) return { kind: 'unknown_people', emails: unknownPeople }

  const startAt = options.startAt ?? now
  let plannedStart = startAt.getTime()
  const stages = template.stages.map((s, position) => {
    const stage = { position, key: s.key, kind: s.kind, plannedStartAt: new Date(plannedStart), durationDays: s.durationDays }
    plannedStart += s.durationDays * DAY
    return stage
  })
  const programme = await deps.store.transaction(async (tx) => {
    const created = await tx.programmes.create({
      code: template.code,
      name: template.name,
      template: JSON.stringify(template),
      startedAt: startAt,
      createdById: actor.employee.id,
      stages,
      participantIds: participants.map((p) => p.id),
    })
    await tx.audit.record({
      actorId: actor.employee.id,
      actor: `employee:${actor.employee.id}`,
      action: 'programme.start',
      entity: 'Programme',
      entityId: created.id,
      data: { code: template.code, participants: participants.length, startAt: startAt.toISOString() },
    })
    return created
  })
  const advance = await advanceProgrammes(deps)
  return { kind: 'started', programme: (await deps.store.programmes.byId(programme.id)) ?? programme, advance }
}

/**
 * Begins the stages that are due, completes those whose tasks are all done (a 360
 * stage also when its due date has come, closing its cycle). Safe to run from
 * several processes.
 */
export async function advanceProgrammes(deps: ProgrammeDeps): Promise<AdvanceResult> {
  const result: AdvanceResult = { activated: 0, completed: 0, tasksCreated: 0 }
  const programmes = await deps.store.programmes.list('active')
  if (programmes.length === 0) return result
  const now = deps.clock.now()
  const [catalog, everyone] = await Promise.all([deps.store.catalog.load(now), deps.store.employees.allActive()])
  const courseIds = new Map(catalog.courses.map((c) => [c.code.toLowerCase(), c.id]))

  for (const programme of programmes) {
    const parsed = parseProgrammeTemplate(JSON.parse(programme.template))
    if (parsed.kind === 'invalid') {
      deps.log.error({ programmeId: programme.id, problems: parsed.problems }, 'stored programme template no longer parses; skipped')
      continue
    }
    const template = parsed.template
    const tasks = await deps.store.programmes.stageTasks(programme.stages.map((s) => s.id))
    const participants = everyone.filter((e) => programme.participantIds.includes(e.id))
    let isPreviousComplete = false
    for (const stage of programme.stages) {
      const spec = template.stages.find((s) => s.key === stage.key)
      if (!spec) continue
      if (stage.status === 'pending') {
        if (!isPreviousComplete && now.getTime() < stage.plannedStartAt.getTime()) break
        const specs = stageTaskSpecs(spec, participants, everyone, courseIds, template.raters360)
        // The template's calendar, not the sweep's: a stage begun late (a missed sweep) or early
        // (the previous one finished) is still due when the calendar says.
        const dueAt = plannedDueAt(stage)
        // Activation and its tasks (a 360 stage: its whole cycle) commit together; the conditional update lets only one process do it.
        const created = await deps.store.transaction(async (tx) => {
          if (!(await tx.programmes.activateStage({ stageId: stage.id, startedAt: now, dueAt }))) return null
          if (spec.kind !== 'rating_360')
            return { rows: await createStageTasks(tx, stage, specs, dueAt, now), deliveries: [] as Delivery[] }
          return launchStageCycle(deps, tx, {
            programme,
            stage,
            stageName: spec.name,
            raters: template.raters360,
            specs: specs.filter(isFeedback),
            participants,
            catalog,
            dueAt,
          })
        })
        if (created === null) break // another process got there first; it carries on
        await deliverStageCards(deps, created.deliveries)
        // The result stage's product: everyone's record, to the HR person who started the programme.
        if (spec.kind === 'result') await deliverRecords(deps, programme)
        result.activated++
        result.tasksCreated += created.rows.length
        tasks.push(...created.rows)
        stage.status = 'active'
        stage.startedAt = now
        stage.dueAt = dueAt
      }
      if (stage.status === 'active') {
        let own = tasks.filter((t) => t.stageId === stage.id)
        if (stage.kind === 'rating_360' && (allDone(own) || (stage.dueAt !== null && stage.dueAt.getTime() <= now.getTime()))) {
          // The 360 is over: closing its cycle records the results and cancels what is still owed.
          await closeStageCycle(deps, own)
          own = await deps.store.programmes.stageTasks([stage.id])
        }
        if (!allDone(own)) {
          isPreviousComplete = false
          continue
        }
        if (await deps.store.programmes.completeStage({ stageId: stage.id, at: now })) result.completed++
        stage.status = 'completed'
      }
      isPreviousComplete = true
    }
    if (programme.stages.every((s) => s.status === 'completed')) await deps.store.programmes.completeProgramme(programme.id)
  }
  return result
}

async function deliverRecords(deps: ProgrammeDeps, programme: ProgrammeRecord): Promise<void> {
  const hr = await deps.store.employees.byId(programme.createdById)
  if (hr?.status !== 'active') return
  const actor = { employee: hr, locale: hr.locale }
  const card = programmeRecordsCard(await programmeRecords(deps, actor, { programme: programme.id }), hr.locale, hr.timeZone)
  await deps.deliver([{ recipientId: hr.id, card, key: `programme:${programme.id}:records`, purpose: 'programme_records' }])
}

const allDone = (tasks: readonly StageTaskRow[]): boolean => tasks.every((t) => SETTLED_STATUSES.has(t.status))

/** Stage N is due at the programme's start + the durations before it + its own: plannedStartAt already holds the first part. */
const plannedDueAt = (stage: Pick<ProgrammeStageRecord, 'plannedStartAt' | 'durationDays'>): Date =>
  new Date(stage.plannedStartAt.getTime() + stage.durationDays * DAY)
const isFeedback = (spec: StageTaskSpec): spec is FeedbackSpec => spec.kind === 'feedback'

async function createStageTasks(
  tx: ProgrammeStore,
  stage: ProgrammeStageRecord,
  specs: readonly StageTaskSpec[],
  dueAt: Date,
  now: Date,
): Promise<StageTaskRow[]> {
  const rows: StageTaskRow[] = []
  for (const spec of specs) {
    if (spec.kind === 'training') {
      const { assignment } = await tx.progress.enrol({
        employeeId: spec.participantId,
        courseId: spec.courseId,
        source: 'programme',
        dueAt,
        now,
      })
      rows.push({
        stageId: stage.id,
        participantId: spec.participantId,
        taskKind: 'training',
        taskId: assignment.id,
        status: assignment.status,
      })
    } else if (spec.kind === 'evaluation') {
      const task = await tx.programmes.createEvaluationTask({
        kind: spec.evaluationKind,
        assigneeId: spec.assigneeId,
        subjectId: spec.subjectId,
        dueAt,
        now,
      })
      rows.push({ stageId: stage.id, participantId: spec.participantId, taskKind: 'evaluation', taskId: task.id, status: task.status })
    }
  }
  await tx.programmes.linkTasks(rows.map(({ status: _status, ...row }) => row))
  return rows
}

export interface StageStatus {
  stage: ProgrammeStageRecord
  name: ProgrammeTemplate['stages'][number]['name']
  total: number
  /** Done by the person asked. */
  done: number
  /** Closed without being done (expired, declined, cancelled). */
  expired: number
  /** Still owed. */
  open: number
}

export type ProgrammeStatusResult =
  | { kind: 'refused' }
  | { kind: 'status'; programmes: { programme: ProgrammeRecord; stages: StageStatus[] }[] }

/** Completion per stage, for HR: one programme, or all of them (running first). */
export async function programmeStatus(
  deps: ProgrammeDeps,
  actor: Actor,
  options: { programmeId?: number } = {},
): Promise<ProgrammeStatusResult> {
  if (!isHr(actor.employee)) return { kind: 'refused' }
  return programmeStatusFor(deps, options)
}

/** The same without an actor: for the operator's CLI, who has the database anyway. */
export async function programmeStatusFor(deps: ProgrammeDeps, options: { programmeId?: number } = {}): Promise<ProgrammeStatusResult> {
  const found =
    options.programmeId !== undefined
      ? [await deps.store.programmes.byId(options.programmeId)].filter((p): p is ProgrammeRecord => p !== null)
      : [...(await deps.store.programmes.list('active')), ...(await deps.store.programmes.list('completed'))]
  const programmes = []
  for (const programme of found) {
    const parsed = parseProgrammeTemplate(JSON.parse(programme.template))
    const tasks = await deps.store.programmes.stageTasks(programme.stages.map((s) => s.id))
    programmes.push({
      programme,
      stages: programme.stages.map((stage) => {
        const own = tasks.filter((t) => t.stageId === stage.id)
        const spec = parsed.kind === 'ok' ? parsed.template.stages.find((s) => s.key === stage.key) : undefined
        return {
          stage,
          name: spec?.name ?? { zh: stage.key, en: stage.key },
          total: own.length,
          done: own.filter((t) => DONE_STATUSES.has(t.status)).length,
          expired: own.filter((t) => EXPIRED_STATUSES.has(t.status)).length,
          open: own.filter((t) => !DONE_STATUSES.has(t.status) && !EXPIRED_STATUSES.has(t.status)).length,
        }
      }),
    })
  }
  return { kind: 'status', programmes }
}
