// The Prisma implementation of core/feedback/ports.ts FeedbackRepo.
//
// Anonymity at the storage level (docs/feedback-360.md): FeedbackResponse rows
// carry no rater id and no timestamp, get a random UUID, and every write to a
// subject's (and, at close, a cycle's) responses deletes and reinserts them in
// random order. SQLite gives every table an implicit rowid that counts up in
// insertion order; without the reshuffle, the rowid order of the answers could
// be lined up with the order in which requests were marked submitted.
//
// Anonymous answers (peers, direct reports) are not written in clear when
// submitted: they are sealed (seal.ts) into SealedAnswer in the submitting
// transaction and released into FeedbackResponse in groups by `release`, as the
// feature's release plan says (core/features/feedback/release-plan.ts), so a copy
// of the files — database, write-ahead log, backups — cannot link an answer to
// fewer raters than its threshold (docs/feedback-360.md, "Threat model").
//
// Built on a transaction client (reminderRepos does so for the store's
// transactions), every method joins that transaction instead of opening its own:
// a programme's 360 stage creates its cycle in the stage's activation transaction.
import { randomInt, randomUUID } from 'node:crypto'
import {
  type FeedbackAnswers,
  type FeedbackCycle,
  type FeedbackRepo,
  type FeedbackRequest,
  type FeedbackStage,
  type FeedbackSubject,
  type Group,
  isAnonymous,
  type NominationMode,
  type Perspective,
  POOLED_GROUP,
  type QuestionnaireItem,
  type RequestStatus,
  type Sealer,
} from '../../core/features/feedback/index.js'
import type { Db } from './client.js'
import type * as P from './generated/client.js'
import type { Prisma } from './generated/client.js'
import { aloneFor } from './outbox-store.js'
import { truncateWal } from './raw-sql.js'
import { processLocalSealer } from './seal.js'

type Tx = Db | Prisma.TransactionClient
type RequestRow = P.FeedbackRequest & { feedbackSubject: { cycleId: number; employeeId: number } }

const WITH_SUBJECT = { feedbackSubject: { select: { cycleId: true, employeeId: true } } } as const
const OPEN_TASK = ['open', 'overdue']

const toCycle = (c: P.FeedbackCycle): FeedbackCycle => ({
  id: c.id,
  name: c.name,
  stage: c.stage as FeedbackStage,
  opensAt: c.opensAt,
  closesAt: c.closesAt,
  perspectives: c.perspectives.split(',').filter(Boolean) as Perspective[],
  nominationBy: c.nominationBy as NominationMode,
  peerCap: c.peerCap,
  thresholds: { peer: c.peerThreshold, report: c.reportThreshold },
  createdById: c.createdById,
  createdAt: c.createdAt,
  stageChangedAt: c.stageChangedAt,
})

const toSubject = (s: P.FeedbackSubject): FeedbackSubject => ({
  id: s.id,
  cycleId: s.cycleId,
  employeeId: s.employeeId,
  managerId: s.managerId,
  questionnaire: JSON.parse(s.questionnaire) as QuestionnaireItem[],
  resultsAt: s.resultsAt,
})

const toRequest = (r: RequestRow): FeedbackRequest => ({
  id: r.id,
  feedbackSubjectId: r.feedbackSubjectId,
  cycleId: r.feedbackSubject.cycleId,
  subjectId: r.feedbackSubject.employeeId,
  raterId: r.raterId,
  perspective: r.perspective as Perspective,
  status: r.status as RequestStatus,
  taskId: r.taskId,
  nominatedById: r.nominatedById,
  declineReason: r.declineReason,
})

function shuffled<T>(items: T[]): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1)
    ;[out[i], out[j]] = [out[j] as T, out[i] as T]
  }
  return out
}

/** Deletes and reinserts the matching responses in random order, with fresh random ids. */
async function reshuffle(tx: Tx, where: { cycleId: number; subjectId?: number }): Promise<void> {
  const rows = await tx.feedbackResponse.findMany({ where })
  if (rows.length === 0) return
  await tx.feedbackResponse.deleteMany({ where })
  await tx.feedbackResponse.createMany({ data: shuffled(rows).map((r) => ({ ...r, id: randomUUID() })) })
}

const ANONYMOUS = ['peer', 'report'] as const

export function createFeedbackStore(db: Tx, isRoot = true, sealer: Sealer = processLocalSealer()): FeedbackRepo {
  const atomically = aloneFor(db, isRoot)
  return {
    async createCycle(input) {
      return atomically(async (tx) => {
        const cycle = await tx.feedbackCycle.create({
          data: {
            name: input.name,
            stage: 'draft',
            opensAt: input.opensAt,
            closesAt: input.closesAt,
            perspectives: input.perspectives.join(','),
            nominationBy: input.nominationBy,
            peerCap: input.peerCap,
            peerThreshold: input.thresholds.peer,
            reportThreshold: input.thresholds.report,
            createdById: input.createdById,
            createdAt: input.now,
            stageChangedAt: input.now,
          },
        })
        for (const s of input.subjects) {
          await tx.feedbackSubject.create({
            data: {
              cycleId: cycle.id,
              employeeId: s.employeeId,
              managerId: s.managerId,
              questionnaire: JSON.stringify(s.questionnaire),
              requests: { create: s.requests },
            },
          })
        }
        return toCycle(cycle)
      })
    },

    async cycle(id) {
      const c = await db.feedbackCycle.findUnique({ where: { id } })
      return c ? toCycle(c) : null
    },

    async cyclesInStages(stages) {
      return (await db.feedbackCycle.findMany({ where: { stage: { in: stages } }, orderBy: { id: 'asc' } })).map(toCycle)
    },

    async moveStage({ cycleId, from, to, at }) {
      const { count } = await db.feedbackCycle.updateMany({ where: { id: cycleId, stage: from }, data: { stage: to, stageChangedAt: at } })
      return count === 1
    },

    async subjects(cycleId) {
      return (await db.feedbackSubject.findMany({ where: { cycleId }, orderBy: { id: 'asc' } })).map(toSubject)
    },

    async subject(cycleId, employeeId) {
      const s = await db.feedbackSubject.findUnique({ where: { cycleId_employeeId: { cycleId, employeeId } } })
      return s ? toSubject(s) : null
    },

    async requests(cycleId, employeeId) {
      const rows = await db.feedbackRequest.findMany({
        where: { feedbackSubject: { cycleId, ...(employeeId === undefined ? {} : { employeeId }) } },
        include: WITH_SUBJECT,
        orderBy: { id: 'asc' },
      })
      return rows.map(toRequest)
    },

    async request(id) {
      const r = await db.feedbackRequest.findUnique({ where: { id }, include: WITH_SUBJECT })
      return r ? toRequest(r) : null
    },

    async requestByTask(taskId) {
      const r = await db.feedbackRequest.findUnique({ where: { taskId }, include: WITH_SUBJECT })
      return r ? toRequest(r) : null
    },

    async addRequests(feedbackSubjectId, rows) {
      return atomically(async (tx) => {
        const added: FeedbackRequest[] = []
        for (const row of rows) {
          const known = await tx.feedbackRequest.findUnique({
            where: { feedbackSubjectId_raterId: { feedbackSubjectId, raterId: row.raterId } },
          })
          if (known) continue
          added.push(toRequest(await tx.feedbackRequest.create({ data: { feedbackSubjectId, ...row }, include: WITH_SUBJECT })))
        }
        return added
      })
    },

    async setStatus({ ids, from, to }) {
      return atomically(async (tx) => {
        const rows = await tx.feedbackRequest.findMany({ where: { id: { in: ids }, status: { in: from } }, include: WITH_SUBJECT })
        await tx.feedbackRequest.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { status: to } })
        return rows.map((r) => toRequest({ ...r, status: to }))
      })
    },

    async openRequests({ ids, dueAt, now }) {
      return atomically(async (tx) => {
        const rows = await tx.feedbackRequest.findMany({
          where: { id: { in: ids }, status: 'approved' },
          include: WITH_SUBJECT,
          orderBy: { id: 'asc' },
        })
        const opened: FeedbackRequest[] = []
        for (const r of rows) {
          const task = await tx.evaluationTask.create({
            data: {
              kind: 'rating_360',
              assigneeId: r.raterId,
              subjectId: r.feedbackSubject.employeeId,
              status: 'open',
              createdAt: now,
              dueAt,
            },
          })
          const updated = await tx.feedbackRequest.update({
            where: { id: r.id },
            data: { status: 'open', taskId: task.id },
            include: WITH_SUBJECT,
          })
          opened.push(toRequest(updated))
        }
        return opened
      })
    },

    async decline({ requestId, reason }) {
      return atomically(async (tx) => {
        const { count } = await tx.feedbackRequest.updateMany({
          where: { id: requestId, status: { in: ['proposed', 'approved', 'open'] } },
          data: { status: 'declined', declineReason: reason },
        })
        if (count === 0) return false
        const r = await tx.feedbackRequest.findUniqueOrThrow({ where: { id: requestId } })
        if (r.taskId !== null)
          await tx.evaluationTask.updateMany({
            where: { id: r.taskId, status: { in: OPEN_TASK } },
            data: { status: 'cancelled', snoozedUntil: null },
          })
        return true
      })
    },

    async submit({ requestId, answers, completedOn }) {
      return atomically(async (tx) => {
        const r = await tx.feedbackRequest.findUnique({
          where: { id: requestId },
          include: { feedbackSubject: { include: { cycle: true } } },
        })
        if (r?.status !== 'open') return 'not_open'
        if (r.feedbackSubject.cycle.stage !== 'collecting') return 'cycle_not_collecting'
        const { cycleId, employeeId } = r.feedbackSubject
        // Only these values: nothing about the rater, nothing about the time.
        const row = { id: randomUUID(), cycleId, subjectId: employeeId, perspective: r.perspective }
        const text = JSON.stringify(answersOnly(answers))
        if (isAnonymous(r.perspective as Perspective)) {
          // Readable only once released with at least the threshold of others (release).
          await tx.sealedAnswer.create({ data: { ...row, sealed: sealer.seal(text) } })
        } else {
          await tx.feedbackResponse.create({ data: { ...row, answers: text } })
          await reshuffle(tx, { cycleId, subjectId: employeeId })
        }
        await tx.feedbackRequest.update({ where: { id: r.id }, data: { status: 'submitted' } })
        if (r.taskId !== null) {
          await tx.evaluationTask.update({
            where: { id: r.taskId },
            data: { status: 'completed', completedAt: completedOn, snoozedUntil: null },
          })
        }
        return 'saved'
      })
    },

    async close({ cycleId, at }) {
      return atomically(async (tx) => {
        const { count } = await tx.feedbackCycle.updateMany({
          where: { id: cycleId, stage: 'collecting' },
          data: { stage: 'closed', stageChangedAt: at },
        })
        if (count === 0) return false
        const pending = await tx.feedbackRequest.findMany({
          where: { feedbackSubject: { cycleId }, status: { in: ['proposed', 'approved', 'open'] } },
          select: { id: true, taskId: true },
        })
        await tx.feedbackRequest.updateMany({ where: { id: { in: pending.map((p) => p.id) } }, data: { status: 'expired' } })
        const taskIds = pending.flatMap((p) => (p.taskId === null ? [] : [p.taskId]))
        await tx.evaluationTask.updateMany({
          where: { id: { in: taskIds }, status: { in: OPEN_TASK } },
          data: { status: 'cancelled', snoozedUntil: null },
        })
        await reshuffle(tx, { cycleId })
        return true
      })
    },

    async release({ cycleId, subjectId, plan }) {
      const outcome = await atomically(async (tx) => {
        const cycle = await tx.feedbackCycle.findUnique({ where: { id: cycleId } })
        const sealed = await tx.sealedAnswer.findMany({ where: { cycleId, subjectId } })
        if (!cycle || sealed.length === 0) return { released: 0, unreadable: 0 }
        const clear = await tx.feedbackResponse.groupBy({ by: ['perspective'], where: { cycleId, subjectId }, _count: true })
        const clearOf = (label: string) => clear.find((c) => c.perspective === label)?._count ?? 0
        const waiting = (p: string) => sealed.filter((x) => x.perspective === p)
        const steps = plan({
          closed: cycle.stage === 'closed' || cycle.stage === 'shared',
          thresholds: { peer: cycle.peerThreshold, report: cycle.reportThreshold },
          clear: { peer: clearOf('peer'), report: clearOf('report'), pooled: clearOf(POOLED_GROUP) },
          pending: { peer: waiting('peer').length, report: waiting('report').length },
        })
        let released = 0
        let unreadable = 0
        for (const step of steps) {
          const chosen = ANONYMOUS.flatMap((p) => shuffled(waiting(p)).slice(0, step.take[p]))
          const opened = chosen.map((x) => sealer.open(x.sealed))
          if (opened.some((text) => text === null)) {
            // A wrong key or a changed row: release nothing of this group rather than a smaller one.
            unreadable += opened.filter((text) => text === null).length
            continue
          }
          await tx.feedbackResponse.createMany({
            data: shuffled(opened as string[]).map((answers) => ({ id: randomUUID(), cycleId, subjectId, perspective: step.as, answers })),
          })
          await tx.sealedAnswer.deleteMany({ where: { id: { in: chosen.map((x) => x.id) } } })
          released += chosen.length
        }
        if (released > 0) await reshuffle(tx, { cycleId, subjectId })
        return { released, unreadable }
      })
      // The log would otherwise keep every commit until the next automatic checkpoint, and backups copy it.
      if (outcome.released > 0 && isRoot) await truncateWal(db)
      return outcome
    },

    async pendingSubjects(cycleId) {
      const rows = await db.sealedAnswer.findMany({ where: { cycleId }, distinct: ['subjectId'], select: { subjectId: true } })
      return rows.map((r) => r.subjectId).sort((a, b) => a - b)
    },

    async cyclesWithPending() {
      const rows = await db.sealedAnswer.findMany({ distinct: ['cycleId'], select: { cycleId: true } })
      return rows.map((r) => r.cycleId).sort((a, b) => a - b)
    },

    async responses(cycleId, employeeId) {
      const rows = await db.feedbackResponse.findMany({ where: { cycleId, subjectId: employeeId }, orderBy: { id: 'asc' } })
      return rows.map((r) => ({ perspective: r.perspective as Group, answers: JSON.parse(r.answers) as FeedbackAnswers }))
    },

    async recordResults({ feedbackSubjectId, assessments, at }) {
      return atomically(async (tx) => {
        const { count } = await tx.feedbackSubject.updateMany({
          where: { id: feedbackSubjectId, resultsAt: null },
          data: { resultsAt: at },
        })
        if (count === 0) return false
        if (assessments.length > 0) await tx.assessment.createMany({ data: assessments.map((a) => ({ ...a, note: a.note ?? null })) })
        return true
      })
    },
  }
}

/** Copies exactly the answer fields, so nothing a caller attached by mistake is stored. */
const answersOnly = (a: FeedbackAnswers): FeedbackAnswers => ({
  ratings: { ...a.ratings },
  strengths: a.strengths,
  improvements: a.improvements,
})
