// The result stage's product: each participant's record (培养档案) for HR —
// trainings and scores, the reflection, the 360 summary (only the aggregates HR
// may read: feedbackReport applies the cycle's anonymity thresholds), the
// supervisor's evaluation, and readiness for the target job (the gap engine).
import type { Actor } from '../../kernel/context.js'
import { isHr } from '../../kernel/context.js'
import type { Bilingual, Catalog, Course, Employee, Job } from '../../kernel/domain/types.js'
import { EMPTY_PROGRESS } from '../../kernel/domain/types.js'
import { feedbackReport } from '../feedback/index.js'
import { gapFor, nextStepGaps } from '../gap/index.js'
import type { ProgrammeDeps, ProgrammeRecord, StageKind, StageTaskRow } from './ports.js'
import { parseProgrammeTemplate } from './programme-template.js'

export interface TrainingLine {
  course: Pick<Course, 'code' | 'title'>
  status: string
  /** Best quiz score (percent), or the score recorded with the completion. */
  score: number | null
  verifiedBy: string | null
  completedAt: Date | null
}

export interface FeedbackSummary {
  /** Raters asked and raters who answered (names are never part of the record). */
  asked: number
  answered: number
  /** The report's shown aggregates; null while the cycle has no results. */
  overall: number | null
  responses: number
  dimensions: { name: Bilingual; mean: number }[]
  strengths: Bilingual[]
  developmentAreas: Bilingual[]
}

export interface ParticipantRecord {
  participant: Employee
  trainings: TrainingLine[]
  reflection: { status: string; text: string | null; submittedAt: Date | null } | null
  feedback: FeedbackSummary | null
  supervisor: { status: string; ratings: { name: Bilingual; rating: number }[] } | null
  readiness:
    | { kind: 'report'; target: Pick<Job, 'code' | 'title'>; overall: number; threshold: number; isReady: boolean }
    | { kind: 'no_standard'; target: Pick<Job, 'code' | 'title'> }
    | { kind: 'no_target' }
}

export type ProgrammeRecordsResult =
  | { kind: 'refused' }
  | { kind: 'unknown_programme' }
  | { kind: 'records'; programme: ProgrammeRecord; records: ParticipantRecord[] }

/** HR only: everyone's record in one programme (by id or template code, the latest of that code). */
export async function programmeRecords(
  deps: ProgrammeDeps,
  actor: Actor,
  options: { programme: number | string },
): Promise<ProgrammeRecordsResult> {
  if (!isHr(actor.employee)) return { kind: 'refused' }
  const programme = await findProgramme(deps, options.programme)
  if (!programme) return { kind: 'unknown_programme' }
  const now = deps.clock.now()
  const catalog = await deps.store.catalog.load(now)
  const parsed = parseProgrammeTemplate(JSON.parse(programme.template))
  const targetCode = parsed.kind === 'ok' ? parsed.template.targetJob : undefined
  const kindOf = new Map(programme.stages.map((s) => [s.id, s.kind]))
  const tasks = await deps.store.programmes.stageTasks(programme.stages.map((s) => s.id))
  const progress = await deps.store.progress.forEmployees(programme.participantIds)
  const reflectionTasks = tasks.filter((t) => kindOf.get(t.stageId) === 'reflection')
  const texts = new Map((await deps.store.programmes.reflections(reflectionTasks.map((t) => t.taskId))).map((r) => [r.taskId, r]))

  const records: ParticipantRecord[] = []
  for (const id of programme.participantIds) {
    const participant = await deps.store.employees.byId(id)
    if (!participant) continue
    const own = (kind: StageKind) => tasks.filter((t) => t.participantId === id && kindOf.get(t.stageId) === kind)
    const mine = progress.get(id) ?? EMPTY_PROGRESS
    const trainingIds = new Set(own('training').map((t) => t.taskId))
    const trainings = mine.assignments
      .filter((a) => trainingIds.has(a.id))
      .map((a): TrainingLine => {
        const course = catalog.courses.find((c) => c.id === a.courseId)
        return {
          course: course ? { code: course.code, title: course.title } : { code: `#${a.courseId}`, title: { zh: '?', en: '?' } },
          status: a.status,
          score: a.score,
          verifiedBy: a.verifiedBy,
          completedAt: a.completedAt,
        }
      })
    const reflectionTask = own('reflection').at(-1)
    const written = reflectionTask ? texts.get(reflectionTask.taskId) : undefined
    const supervisorTask = own('supervisor_evaluation').at(-1)
    const supervisorRatings = latestBy(
      mine.assessments.filter((a) => a.source === 'supervisor' && a.rating !== null && a.assessedAt >= programme.startedAt),
    ).map((a) => ({ name: dimensionName(catalog, a.dimensionId), rating: a.rating as number }))
    records.push({
      participant,
      trainings,
      reflection: reflectionTask
        ? { status: reflectionTask.status, text: written?.text ?? null, submittedAt: written?.submittedAt ?? null }
        : null,
      feedback: await feedbackSummary(deps, actor, participant, own('rating_360')),
      supervisor: supervisorTask ? { status: supervisorTask.status, ratings: supervisorRatings } : null,
      readiness: readinessOf(catalog, participant, mine, targetCode, now),
    })
  }
  return { kind: 'records', programme, records }
}

async function findProgramme(deps: ProgrammeDeps, ref: number | string): Promise<ProgrammeRecord | null> {
  if (typeof ref === 'number') return deps.store.programmes.byId(ref)
  const all = [...(await deps.store.programmes.list('active')), ...(await deps.store.programmes.list('completed'))]
  return all.filter((p) => p.code === ref.toLowerCase()).sort((a, b) => b.id - a.id)[0] ?? null
}

/** The latest assessment per dimension. */
function latestBy<T extends { dimensionId: number; assessedAt: Date }>(rows: readonly T[]): T[] {
  const latest = new Map<number, T>()
  for (const r of rows) {
    const seen = latest.get(r.dimensionId)
    if (!seen || seen.assessedAt < r.assessedAt) latest.set(r.dimensionId, r)
  }
  return [...latest.values()].sort((a, b) => a.dimensionId - b.dimensionId)
}

const dimensionName = (catalog: Catalog, id: number): Bilingual =>
  catalog.dimensions.find((d) => d.id === id)?.name ?? { zh: `#${id}`, en: `#${id}` }

async function feedbackSummary(
  deps: ProgrammeDeps,
  actor: Actor,
  participant: Employee,
  tasks: readonly StageTaskRow[],
): Promise<FeedbackSummary | null> {
  if (tasks.length === 0) return null
  const answered = tasks.filter((t) => t.status === 'completed').length
  const request = await deps.store.feedback.requestByTask(tasks[0]!.taskId)
  const empty: FeedbackSummary = {
    asked: tasks.length,
    answered,
    overall: null,
    responses: 0,
    dimensions: [],
    strengths: [],
    developmentAreas: [],
  }
  if (!request) return empty
  const result = await feedbackReport(deps, actor, { cycleId: request.cycleId, subjectId: participant.id })
  if (result.kind !== 'report') return empty
  const { report } = result
  const others = report.aggregate.others
  return {
    ...empty,
    overall: others?.overall ?? null,
    responses: others?.count ?? 0,
    dimensions: others ? report.questionnaire.map((q) => ({ name: q.name, mean: others.means[q.code] as number })) : [],
    strengths: report.strengths.map((q) => q.name),
    developmentAreas: report.developmentAreas.map((q) => q.name),
  }
}

function readinessOf(
  catalog: Catalog,
  participant: Employee,
  progress: Parameters<typeof gapFor>[2],
  targetCode: string | undefined,
  now: Date,
): ParticipantRecord['readiness'] {
  const target = targetCode ? catalog.jobs.find((j) => j.code.toLowerCase() === targetCode.toLowerCase()) : undefined
  const report = target ? gapFor(catalog, participant, progress, target, now) : nextStepGaps(catalog, participant, progress, now)[0]
  if (!report) return { kind: 'no_target' }
  const job = { code: report.target.code, title: report.target.title }
  if (report.kind === 'no_standard') return { kind: 'no_standard', target: job }
  return { kind: 'report', target: job, overall: report.overall, threshold: report.standard.threshold, isReady: report.isReady }
}
