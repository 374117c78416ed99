// Verified training, the shared parts: which courses need verification, who
// verifies, when a retake is due, and the training effect (a reassessment task
// for the manager on each dimension whose gap the verified course addressed).
import type { Deps, Settings } from '../../kernel/context.js'
import { isHr } from '../../kernel/context.js'
import type { Catalog, Course, Employee, EvaluationTask } from '../../kernel/domain/types.js'
import { nextWorkingDayAt } from '../../kernel/domain/zoned-time.js'
import type { Delivery } from '../../kernel/messaging.js'
import type { Store } from '../../kernel/ports.js'
import { EMPTY_PROGRESS, nextStepGaps } from './gap-for.js'
import { reassessmentNoticeCard } from './verification-card.js'

/** Working days a learner gets for a retake (or after a declined confirmation). */
const RETAKE_WORKING_DAYS = 3
/** Days a manager gets for a reassessment after training. */
const REASSESSMENT_DAYS = 7
const DAY = 86_400_000
/** HR people asked to confirm for a learner without a manager: a few, not the whole department. */
const MAX_HR_VERIFIERS = 3

export const needsVerification = (course: Course): boolean => course.verification !== 'none'

/** A quiz the learner can take now: the course asks for one and has questions. */
export const hasQuiz = (course: Course): boolean => course.verification === 'quiz' && course.quizSize > 0

/** How the learner's "done" gets verified: a quiz course without questions waits for a confirmation instead. */
export function nextStepOf(course: Course): 'quiz' | 'confirmation' | 'record' {
  if (course.verification === 'record') return 'record'
  return hasQuiz(course) ? 'quiz' : 'confirmation'
}

/** The end of the working day `RETAKE_WORKING_DAYS` working days after `now`, in the learner's time zone. */
export function retakeDueAt(now: Date, timeZone: string, settings: Pick<Settings, 'workingHours' | 'holidays'>): Date {
  const { endMinute } = settings.workingHours
  let at = now
  for (let i = 0; i < RETAKE_WORKING_DAYS; i++)
    at = nextWorkingDayAt(at, timeZone, Math.floor(endMinute / 60), settings.holidays, endMinute % 60)
  return at
}

/** Who confirms a learner's training: their manager, else (none, or inactive) a few HR people. */
export async function verifiersOf(deps: Deps, learner: Employee): Promise<{ role: 'manager' | 'hr'; people: Employee[] }> {
  const manager = learner.managerId === null ? null : await deps.store.employees.byId(learner.managerId)
  if (manager && manager.status === 'active' && manager.id !== learner.id) return { role: 'manager', people: [manager] }
  const hr = (await deps.store.employees.allActive()).filter((e) => isHr(e) && e.id !== learner.id)
  return { role: 'hr', people: hr.sort((a, b) => a.id - b.id).slice(0, MAX_HR_VERIFIERS) }
}

/** Dimensions with a gap in the learner's next-step reports, now (before the completion is written). */
export async function gapDimensionIds(store: Store, catalog: Catalog, learner: Employee, now: Date): Promise<Set<number>> {
  const progress = (await store.progress.forEmployees([learner.id])).get(learner.id) ?? EMPTY_PROGRESS
  const ids = new Set<number>()
  for (const report of nextStepGaps(catalog, learner, progress, now)) {
    if (report.kind !== 'report') continue
    for (const d of report.dimensions) if (d.gap > 0) ids.add(d.dimension.id)
  }
  return ids
}

/**
 * The training effect: for each dimension the course improves that had a gap,
 * a reassessment task for the learner's manager (one open task per dimension),
 * and a notice card for each new one. Nothing without a manager to ask.
 */
export async function openReassessments(
  tx: Store,
  input: { learner: Employee; course: Course; gapDimensions: ReadonlySet<number>; catalog: Catalog; now: Date },
): Promise<{ tasks: EvaluationTask[]; deliveries: Delivery[] }> {
  const { learner, course, gapDimensions, catalog, now } = input
  if (learner.managerId === null || learner.managerId === learner.id) return { tasks: [], deliveries: [] }
  const manager = await tx.employees.byId(learner.managerId)
  if (manager?.status !== 'active') return { tasks: [], deliveries: [] }
  const tasks: EvaluationTask[] = []
  const deliveries: Delivery[] = []
  for (const dimensionId of course.dimensionIds) {
    if (!gapDimensions.has(dimensionId)) continue
    const dimension = catalog.dimensions.find((d) => d.id === dimensionId)
    if (!dimension) continue
    const { task, isNew } = await tx.progress.openEvaluation({
      kind: 'reassessment',
      assigneeId: manager.id,
      subjectId: learner.id,
      dimensionId,
      dueAt: new Date(now.getTime() + REASSESSMENT_DAYS * DAY),
      now,
    })
    tasks.push(task)
    if (!isNew) continue
    deliveries.push({
      recipientId: manager.id,
      card: reassessmentNoticeCard({ task, learner, course, dimension }, manager.locale, manager.timeZone),
      key: `reassessment:${task.id}`,
      purpose: 'reassessment',
    })
  }
  return { tasks, deliveries }
}
