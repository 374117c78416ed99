// One reminder sweep: take the sweep lease, advance programmes and 360 cycles
// (windows that opened or closed), plan with the pure policy, render each
// digest, and write every message to the outbox in the same transaction as the
// ReminderLog rows that record its steps.
//
// It shares the event loop with the chat acks and /healthz, so it works in
// slices: the snapshot is read a keyset page at a time and fed to the planner,
// the digests are rendered a batch at a time and each batch is written in a
// transaction of its own (a few multi-row statements, the loop handed back between
// them), and the loop is handed back between slices. Nothing holds more than one
// batch of rendered cards. Last, under the same lease,
// it deletes what is older than its retention (features/privacy), a batch at a time.

import { type CheckInView, type DutiesStore, type MaterialRecord, materialProvider, openDutyCheckIns } from '../features/duties/index.js'
import { advanceCycles, type AdvanceCyclesResult as CycleAdvance } from '../features/feedback/index.js'
import { announceJobDescriptions, type JobsStore } from '../features/jobs/index.js'
import { type OnboardingStore, startOnboardings } from '../features/onboarding/index.js'
import { type PrivacyStore, type PruneResult, pruneExpired, type RetentionPolicy } from '../features/privacy/index.js'
import { type AdvanceProgrammesResult as AdvanceResult, advanceProgrammes, type ProgrammeStore } from '../features/programmes/index.js'
import {
  type Digest,
  historyOf,
  type LoggedStep,
  type PlanTask,
  type ReminderLine,
  type ReminderPlanner,
  type ReminderRepo,
  reminderCard,
  reminderPlanner,
  type SweepPage,
  type SweepSnapshot,
  type TaskItem,
} from '../features/tasks/index.js'
import type { Card } from '../kernel/cards/card.js'
import type { Deps } from '../kernel/context.js'
import { chooseDestination } from '../kernel/destinations.js'
import { type Assignment, type Course, type Employee, type EvaluationTask, OPEN_ASSIGNMENT_STATUSES } from '../kernel/domain/types.js'
import type { ChatPlatform } from '../kernel/messaging.js'
import type { NewOutboxMessage, OutboxKind } from '../kernel/outbox.js'
import type { ReminderPolicy } from '../kernel/reminder-options.js'
import { workingDayEnd } from '../kernel/working-time.js'
import { pacer, yieldToEventLoop } from '../kernel/yielding.js'

export const SWEEP_LEASE = 'reminder-sweep'
const DEFAULT_LEASE_MS = 10 * 60_000
/** Rows per page of the snapshot: a few ms of reading and planning each. */
const PAGE = 500
/** Digests per render slice: a few ms of rendering, and the statements' unit when written. */
const BATCH = 50
/**
 * Batches written between two calls to reminders.settle(): about 1 MB of cards and log rows,
 * so SQLite never reaches its own 4 MB checkpoint inside some commit, and the fixed cost of a
 * checkpoint (two fsyncs) is not paid for every batch.
 */
const SETTLE_EVERY = 8
/** The lease's heartbeat: renewed this often (real time) while a sweep runs, and by each write transaction. */
const RENEW_EVERY_MS = 30_000

export interface SweepOptions {
  policy: ReminderPolicy
  /** Platforms with a messenger right now. */
  platforms: readonly ChatPlatform[]
  /** This process, e.g. "host:pid": the lease and the logs name it. */
  holder: string
  leaseMs?: number
  /** Plan and render, write nothing. */
  dryRun?: boolean
  /** Rows per page of the snapshot (default 500): tests use tiny ones to cross page boundaries. */
  pageSize?: number
  /** Digests per render-and-write batch (default 50). */
  batchSize?: number
  /** Test hook: the heartbeat's period (default: a third of the lease, at most 30 s). */
  heartbeatMs?: number
  /** What to delete once old enough (the RETAIN_* settings); nothing is pruned without it, or on a dry run. */
  retention?: RetentionPolicy
  /**
   * FEISHU_URGENT_ESCALATIONS: a Feishu message carrying the last escalation step (escalate:hr)
   * is written as an `urgent_escalation`, which the Feishu messenger marks urgent (加急) once sent.
   */
  urgentEscalations?: boolean
  /**
   * Sees each planned message as soon as it is written (on a dry run, rendered). With it, the
   * result's `planned` stays empty: a caller that prints them (`ladder sweep`) keeps none.
   */
  onPlanned?: (planned: PlannedMessage) => void
  /**
   * false: the result's `planned` stays empty (the server's scheduler, which only logs the counts):
   * a catch-up's thousands of digests, with the task rows they show, are not held until it ends.
   */
  keepPlanned?: boolean
}

/** A digest and where it goes; its card was written to the outbox (or, on a dry run, rendered) and is not kept. */
export interface PlannedMessage {
  digest: Digest<SweepTask>
  message: Omit<NewOutboxMessage, 'card'>
}

export type SweepResult =
  | { kind: 'busy' }
  /** The lease was taken over by another process mid-sweep (this one paused past its TTL): nothing more was written. */
  | { kind: 'lost'; enqueued: number }
  | {
      kind: 'swept'
      /** Digests planned, including those nobody can be reached for. */
      digests: number
      /** Their items (tasks and escalations), those of unreachable people left out. */
      items: number
      enqueued: number
      /** Digests already in the outbox (a repeated run). */
      duplicates: number
      /** People with something owed but no linked account on an enabled platform. */
      unreachable: number[]
      programmes: AdvanceResult | null
      /** 360 cycles that started collecting or closed in this run. */
      cycles: CycleAdvance | null
      /** Every planned message, unless `onPlanned` saw them instead or `keepPlanned` is false. */
      planned: PlannedMessage[]
      /** Rows deleted by retention in this run (null: none asked for, or a dry run). */
      pruned: PruneResult | null
    }

export async function runReminderSweep(
  deps: Deps<ProgrammeStore & PrivacyStore & JobsStore & OnboardingStore & DutiesStore>,
  options: SweepOptions,
): Promise<SweepResult> {
  const now = deps.clock.now()
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS
  const token = options.dryRun ? 0 : await deps.store.leases.take(SWEEP_LEASE, options.holder, now, leaseMs)
  if (token === null) return { kind: 'busy' }
  let enqueued = 0
  // Fencing: every renewal is conditional on the token this run acquired. Once another process
  // has taken the lease over (this one paused past its TTL), renewals fail and nothing more is written.
  let isLost = false
  const renew = async (leases: typeof deps.store.leases = deps.store.leases): Promise<void> => {
    if (isLost || !(await leases.renewFenced(SWEEP_LEASE, options.holder, token, deps.clock.now(), leaseMs))) {
      isLost = true
      throw new SweepLeaseLost()
    }
  }
  // The heartbeat: a long sweep (reading, planning) keeps its lease between its writes too.
  const heartbeat = options.dryRun
    ? null
    : setInterval(
        () =>
          void renew().catch((error: unknown) => {
            if (!(error instanceof SweepLeaseLost)) deps.log.warn({ err: error }, 'sweep lease heartbeat failed; the next one tries again')
          }),
        options.heartbeatMs ?? Math.min(RENEW_EVERY_MS, Math.max(1, Math.floor(leaseMs / 3))),
      )
  heartbeat?.unref?.()
  /** Between the steps: hand the event loop back, and stop here when the lease was lost. */
  const stillHeld = async () => {
    await yieldToEventLoop()
    if (!options.dryRun) await renew()
  }
  try {
    // New programme stages first, so their tasks get their first notice in this very run.
    await yieldToEventLoop()
    const programmes = options.dryRun ? null : await advanceProgrammes(deps)
    await stillHeld()
    // New hires: their plan's trainings join this run, their welcome and their manager's notice go to the outbox.
    if (!options.dryRun) await startOnboardings(deps)
    await stillHeld()
    // 360 windows: raters of a cycle that opened get their cards, and their tasks join this run.
    const cycles = options.dryRun ? null : await advanceCycles(deps)
    await stillHeld()
    // A job description's new version in force: the people in the job are told what changed.
    if (!options.dryRun) await announceJobDescriptions(deps)
    await stillHeld()
    const catalog = await deps.store.catalog.load(now)
    await yieldToEventLoop()
    const courses = new Map(catalog.courses.map((c) => [c.id, c]))
    const repo = deps.store.reminders
    // Dead letters that recover: reminders dead-lettered in a storm are planned again once their platform delivers.
    if (!options.dryRun) {
      const replanned = await repo.replanDead()
      if (replanned > 0) deps.log.info({ replanned }, 'dead-lettered reminders planned again: their platform delivers again')
      await yieldToEventLoop()
    }
    const pace = pacer()
    const pageSize = options.pageSize ?? PAGE
    const batchSize = options.batchSize ?? BATCH

    // Everyone first (inactive people are still named as subjects), then the history, then the tasks.
    const employees = new Map<number, Employee>()
    await scanAll(repo, 'employees', pageSize, (rows) => {
      for (const e of rows) employees.set(e.id, e)
    })
    await stillHeld()
    // Recurring duties: today's check-ins open (in each person's zone), so they get their card in this run.
    // Those it leaves open are planned below; a dry run opens none, and reads the open ones there.
    const openCheckIns = options.dryRun ? null : (await openDutyCheckIns(deps, options.policy, [...employees.values()])).open
    await stillHeld()
    const planner = reminderPlanner<SweepTask>(now, planPeople(employees), options.policy)
    await scanAll(repo, 'history', pageSize, (rows) => planner.addHistory(rows))
    // A task keeps its row only while it is owed (its card shows it): the planner drops the rest.
    await scanAll(repo, 'trainings', pageSize, (rows) => {
      const tasks: SweepTask[] = []
      for (const a of rows) {
        const task = trainingTask(a, courses)
        if (task) tasks.push(task)
      }
      planner.addTasks(tasks)
    })
    await scanAll(repo, 'evaluations', pageSize, (rows) => planner.addTasks(rows.map(evaluationTask)))
    // Duty check-ins and missing course materials: read whole, planned a page at a time.
    const duties = await planDutyTasks(deps, planner, employees, pageSize, openCheckIns)
    const owed = planner.recipients()
    await yieldToEventLoop()

    const planned: PlannedMessage[] = []
    const unreachable: number[] = []
    let batchesWritten = 0
    let settledAt = 0
    /** One batch of digests rendered: its messages and the ReminderLog steps they carry. */
    const render = async (part: Part) => {
      const messages: NewOutboxMessage[] = []
      const batch: PlannedMessage[] = []
      for (const digest of part.digests) {
        const recipient = employees.get(digest.recipientId)!
        const to = chooseDestination(recipient, part.addresses.get(recipient.id) ?? [], options.platforms)
        if (!to) {
          unreachable.push(recipient.id)
          continue
        }
        const card = digestCard(digest, recipient, part.context)
        if (!card) continue
        const message: PlannedMessage['message'] = {
          idempotencyKey: digest.key,
          kind: kindOf(digest, options.urgentEscalations === true && to.platform === 'feishu'),
          to,
          employeeId: recipient.id,
          availableAt: digest.deliverAt,
          expiresAt: workingDayEnd(digest.deliverAt, recipient.timeZone, options.policy.workingHours),
        }
        messages.push({ ...message, card })
        batch.push({ digest, message })
        await pace()
      }
      const steps: LoggedStep[] = batch.flatMap(({ digest }) => historyOf(digest))
      return { messages, steps, planned: batch }
    }
    let plannedCount = 0
    let items = 0
    const isKept = options.keepPlanned !== false && !options.onPlanned
    const report = (batch: readonly PlannedMessage[]) => {
      plannedCount += batch.length
      for (const p of batch) {
        items += p.digest.items.length
        options.onPlanned?.(p)
        if (isKept) planned.push(p)
      }
    }
    /**
     * One rendered batch written in a transaction of its own, right after it was rendered:
     * the cards never wait for more batches (they would survive into V8's old space: ~40 MB
     * more peak RSS in the 10,000-person catch-up), and the write lock is held only for the
     * batch's few statements. The chat acks' own writes wait for it (on SQLite, one writer at
     * a time): four batches a transaction had taken Slack's ack p99 during the catch-up to
     * ~200 ms at 50 events/s, one takes ~57 ms (`npm run bench -- sweep`).
     */
    const write = async ({ messages, steps }: { messages: NewOutboxMessage[]; steps: LoggedStep[] }) => {
      enqueued += await deps.store.transaction(async (tx) => {
        // The fence, first in the transaction: the batch commits only under this run's token.
        await renew(tx.leases)
        // No turn of the event loop inside: the write lock is held only for the batch's statements (~3 ms).
        const fresh = await tx.outbox.enqueueMany(messages, now)
        // Only a message new in the outbox logs its steps: a repeated run's are logged already.
        await tx.reminders.record(fresh.size === messages.length ? steps : steps.filter((s) => fresh.has(s.outboxKey)))
        return fresh.size
      })
      batchesWritten += 1
      if (batchesWritten - settledAt >= SETTLE_EVERY) {
        settledAt = batchesWritten
        await yieldToEventLoop()
        await repo.settle()
      }
    }
    for (let i = 0; i < owed.length; i += batchSize) {
      const digests = owed.slice(i, i + batchSize).map((r) => planner.takeDigest(r.recipientId))
      const addresses = await repo.addresses(digests.map((d) => d.recipientId))
      const rendered = await render({ digests, addresses, context: { employees, courses, duties } })
      if (!options.dryRun && rendered.messages.length > 0) {
        await yieldToEventLoop()
        await write(rendered)
      }
      report(rendered.planned)
      await yieldToEventLoop()
    }
    if (!options.dryRun && batchesWritten > settledAt) await repo.settle()
    if (unreachable.length > 0)
      deps.log.info(
        { count: unreachable.length, employeeIds: unreachable.slice(0, 20) },
        'reminders owed to people without a reachable account',
      )
    if (options.dryRun)
      return {
        kind: 'swept',
        digests: owed.length,
        items,
        enqueued: 0,
        duplicates: 0,
        unreachable,
        programmes,
        cycles,
        planned,
        pruned: null,
      }
    // Retention, a batch per statement; the lease is renewed between batches and the pruning stops if it was lost.
    const pruned = options.retention
      ? await pruneExpired(deps, options.retention, {
          keepGoing: async () => {
            await renew()
            return true
          },
        })
      : null
    return {
      kind: 'swept',
      digests: owed.length,
      items,
      enqueued,
      duplicates: plannedCount - enqueued,
      unreachable,
      programmes,
      cycles,
      planned,
      pruned,
    }
  } catch (error) {
    if (!(error instanceof SweepLeaseLost)) throw error
    deps.log.warn({ holder: options.holder, enqueued }, 'reminder sweep stopped: another process took the sweep lease over')
    return { kind: 'lost', enqueued }
  } finally {
    if (heartbeat) clearInterval(heartbeat)
    // Released only while still ours under this token (a lost lease is another's now).
    if (!options.dryRun && !isLost) await deps.store.leases.release(SWEEP_LEASE, options.holder, deps.clock.now())
  }
}

/** Thrown inside the sweep when its lease moved on to another holder: its open transaction rolls back. */
class SweepLeaseLost extends Error {
  constructor() {
    super('the sweep lease was taken over by another process')
  }
}

/** Every page of one part of the snapshot, handing the event loop back between pages. */
async function scanAll<K extends keyof SweepSnapshot>(
  repo: ReminderRepo,
  part: K,
  pageSize: number,
  take: (rows: SweepSnapshot[K]) => void,
): Promise<void> {
  for (let cursor: number | null = 0; cursor !== null; ) {
    const page: SweepPage<K> = await repo.scan(part, cursor, pageSize)
    take(page.rows)
    cursor = page.next
    await yieldToEventLoop()
  }
}

function planPeople(employees: Map<number, Employee>) {
  const people = []
  for (const e of employees.values())
    if (e.status === 'active') people.push({ id: e.id, timeZone: e.timeZone, managerId: e.managerId, isHr: e.roles.includes('hr') })
  return people
}

/**
 * A training reported done and waiting for someone else (a manager's confirmation,
 * an LMS record) is not the learner's to do: no reminders. One with a quiz to take is.
 */
const isAwaitingOthers = (a: Assignment, course: Course | undefined): boolean =>
  a.status === 'reported' && !(course && course.verification === 'quiz' && course.quizSize > 0)

function trainingTask(a: Assignment, courses: Map<number, Course>): SweepTask | null {
  if (!OPEN_ASSIGNMENT_STATUSES.includes(a.status) || isAwaitingOthers(a, courses.get(a.courseId))) return null
  return {
    kind: 'training',
    id: a.id,
    assigneeId: a.employeeId,
    assignedAt: a.assignedAt,
    dueAt: a.dueAt,
    snoozedUntil: a.snoozedUntil,
    row: a,
  }
}

const evaluationTask = (t: EvaluationTask): SweepTask => ({
  kind: 'evaluation',
  id: t.id,
  assigneeId: t.assigneeId,
  assignedAt: t.createdAt,
  dueAt: t.dueAt,
  snoozedUntil: t.snoozedUntil,
  row: t,
})

/** A batch of digests to render and write: where each recipient can be reached, and the rows the cards show. */
interface Part {
  digests: Digest<SweepTask>[]
  addresses: Awaited<ReturnType<ReminderRepo['addresses']>>
  context: RenderContext
}

interface RenderContext {
  duties: DutyTasks
  employees: Map<number, Employee>
  courses: Map<number, Course>
}

/** A task as the sweep plans it: the policy's view, with the row its card shows (duties are shown from DutyTasks). */
type SweepTask = PlanTask &
  ({ kind: 'training'; row: Assignment } | { kind: 'evaluation'; row: EvaluationTask } | { kind: 'checkin' } | { kind: 'material' })

/** What the to-do list renders for a task, with the overdue flag of the delivery time. */
function taskItem(task: SweepTask, isOverdue: boolean, { employees, courses, duties }: RenderContext): TaskItem | null {
  if (task.kind === 'checkin') {
    const view = duties.checkIns.get(task.id)
    return view ? { kind: 'checkin', view, isOverdue } : null
  }
  if (task.kind === 'material') {
    const material = duties.materials.get(task.id)
    return material ? { kind: 'material', material, isOverdue: material.dueAt !== null && isOverdue } : null
  }
  if (task.kind === 'training') {
    const course = courses.get(task.row.courseId)
    return course ? { kind: 'training', assignment: task.row, course, isOverdue } : null
  }
  const evaluation = task.row
  const subject = evaluation.subjectId === null ? null : (employees.get(evaluation.subjectId) ?? null)
  return { kind: 'evaluation', task: evaluation, subject, isOverdue }
}

function digestCard(digest: Digest<SweepTask>, recipient: Employee, context: RenderContext): Card | null {
  const lines: ReminderLine[] = []
  for (const i of digest.items) {
    const isOverdue = i.task.dueAt !== null && i.task.dueAt.getTime() < digest.deliverAt.getTime()
    const item = taskItem(i.task, isOverdue, context)
    const assignee = context.employees.get(i.task.assigneeId)
    if (!item || !assignee) continue
    // A material without a due date is nagged on the cadence (planned as due when it was asked for) but shown undated.
    const isUndated = item.kind === 'material' && item.material.dueAt === null
    lines.push({
      role: i.role,
      item,
      step: i.step,
      isFirstNotice: i.isFirstNotice,
      overdueWorkingDays: isUndated ? 0 : i.overdueWorkingDays,
      daysUntilDue: isUndated ? null : i.daysUntilDue,
      assignee,
    })
  }
  return lines.length === 0 ? null : reminderCard(lines, recipient.locale, recipient.timeZone)
}

function kindOf(digest: Digest, isUrgentAllowed: boolean): OutboxKind {
  // The top rung (escalate:hr) of any task kind: marked urgent (加急) where the platform and the operator allow it.
  if (isUrgentAllowed && digest.items.some((i) => i.step === 'escalate:hr')) return 'urgent_escalation'
  if (digest.items.some((i) => i.role !== 'own')) return 'escalation'
  return digest.items.every((i) => i.isFirstNotice) ? 'notice' : 'reminder'
}

/** The open check-ins and missing materials of this sweep, by id, for rendering. */
interface DutyTasks {
  checkIns: Map<number, CheckInView>
  materials: Map<number, MaterialRecord>
}

/**
 * Duty check-ins (owed by their person) and missing course materials (owed by their provider,
 * the head of the provider department, else HR) join the plan (their history came with the rest).
 * A material without a due date is planned as due when it was asked for: reminded every N
 * working days after the first notice, like any overdue task.
 */
async function planDutyTasks(
  deps: Deps<DutiesStore>,
  planner: ReminderPlanner<SweepTask>,
  employees: Map<number, Employee>,
  pageSize: number,
  /** The open check-ins as openDutyCheckIns left them; null: read them here. */
  open: CheckInView[] | null,
): Promise<DutyTasks> {
  const [checkIns, materials] = await Promise.all([open ?? deps.store.duties.openCheckInViews(), deps.store.duties.missingMaterials()])
  await yieldToEventLoop()
  const tasks: SweepTask[] = checkIns.map(({ checkIn: c }) => ({
    kind: 'checkin',
    id: c.id,
    assigneeId: c.employeeId,
    assignedAt: c.openedAt,
    dueAt: c.dueAt,
    snoozedUntil: c.snoozedUntil,
  }))
  if (materials.length > 0) {
    const people = [...employees.values()]
    for (const m of materials) {
      const provider = materialProvider(m, people)
      if (provider === null) continue
      tasks.push({
        kind: 'material',
        id: m.id,
        assigneeId: provider,
        assignedAt: m.createdAt,
        dueAt: m.dueAt ?? m.createdAt,
        snoozedUntil: m.snoozedUntil,
      })
    }
  }
  // A page at a time, like the scans: a whole company's check-ins at once kept the loop ~40 ms.
  for (let i = 0; i < tasks.length; i += pageSize) {
    planner.addTasks(tasks.slice(i, i + pageSize))
    await yieldToEventLoop()
  }
  return { checkIns: new Map(checkIns.map((v) => [v.checkIn.id, v])), materials: new Map(materials.map((m) => [m.id, m])) }
}
