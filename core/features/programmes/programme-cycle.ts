// A programme's 360 stage is a real 360 cycle. When the stage begins, it launches
// one cycle for the participants — window = the stage, raters chosen by the
// programme (no nomination), acting as the HR person who started the programme —
// and moves it straight to collecting, so the raters' rating_360 tasks are the
// stage's tasks. When the stage ends (everything answered, or its due date), the
// cycle closes: answers become final, results are recorded, reports go out.
import type { Bilingual, Catalog, Employee } from '../../kernel/domain/types.js'
import type { Delivery } from '../../kernel/messaging.js'
import {
  closeCycleNow,
  DEFAULT_PEER_CAP,
  DEFAULT_THRESHOLDS,
  defaultQuestionnaire,
  type FeedbackDeps,
  leaveDraft,
  NAME_MAX,
  type NewCycle,
  PERSPECTIVES,
  type Perspective,
  startCollectingCycle,
} from '../feedback/index.js'
import type { ProgrammeDeps, ProgrammeRecord, ProgrammeStageRecord, ProgrammeStore, StageTaskRow } from './ports.js'
import type { StageTaskSpec } from './programme-stages.js'
import type { ProgrammeTemplate } from './programme-template.js'

export type FeedbackSpec = Extract<StageTaskSpec, { kind: 'feedback' }>

export interface StageCycleInput {
  programme: ProgrammeRecord
  stage: ProgrammeStageRecord
  stageName: Bilingual
  raters: ProgrammeTemplate['raters360']
  specs: readonly FeedbackSpec[]
  participants: readonly Employee[]
  catalog: Catalog
  dueAt: Date
}

export interface LaunchedStageCycle {
  /** The raters' rating_360 tasks, linked to the stage. */
  rows: StageTaskRow[]
  /** Rater cards, to hand over once the transaction has committed. */
  deliveries: Delivery[]
}

/** "后备干部培养 · 360 民主测评 / Reserve cadre programme · 360° review": a cycle has one name, read in either language. */
export function stageCycleName(programme: Bilingual, stage: Bilingual): string {
  const zh = `${programme.zh} · ${stage.zh}`
  const en = `${programme.en} · ${stage.en}`
  const name = zh === en ? zh : `${zh} / ${en}`
  return name.length <= NAME_MAX ? name : `${name.slice(0, NAME_MAX - 1)}…`
}

/** The perspectives the template asks for, in the cycle's usual order. */
function perspectivesOf(raters: ProgrammeTemplate['raters360']): Perspective[] {
  const asked: Record<Perspective, boolean> = {
    self: raters.self,
    manager: raters.manager,
    peer: raters.peers > 0,
    report: raters.reports > 0,
  }
  return PERSPECTIVES.filter((p) => asked[p])
}

/**
 * Inside the stage's activation transaction (`tx`): the cycle, its subjects and
 * requests, collecting at once with each request's rating_360 task, linked to the
 * stage. All of it commits with the activation or not at all, so a second process
 * or a crash can never leave a stage with half a cycle or two. A participant
 * without raters, or without a standard to rate them against, gets no subject.
 */
export async function launchStageCycle(deps: ProgrammeDeps, tx: ProgrammeStore, input: StageCycleInput): Promise<LaunchedStageCycle> {
  const { programme, stage, raters } = input
  const now = deps.clock.now()
  const subjects: NewCycle['subjects'] = []
  for (const participant of input.participants) {
    const specs = input.specs.filter((s) => s.participantId === participant.id)
    if (specs.length === 0) continue
    const questionnaire = defaultQuestionnaire(input.catalog, participant)
    if (questionnaire.length === 0) {
      deps.log.warn(
        { programmeId: programme.id, stageId: stage.id, employeeId: participant.id },
        'programme 360: no qualification standard to rate the participant against; no feedback asked',
      )
      continue
    }
    const requests = specs.map((s) => ({
      raterId: s.raterId,
      perspective: s.perspective,
      status: 'approved' as const,
      nominatedById: programme.createdById,
    }))
    subjects.push({ employeeId: participant.id, managerId: participant.managerId, questionnaire, requests })
  }
  if (subjects.length === 0) return { rows: [], deliveries: [] }

  const perspectives = perspectivesOf(raters)
  const draft = await tx.feedback.createCycle({
    name: stageCycleName(programme.name, input.stageName),
    opensAt: now,
    closesAt: input.dueAt,
    perspectives,
    nominationBy: 'manager',
    // Room for every peer the template asks for, should HR add more while collecting.
    peerCap: Math.max(DEFAULT_PEER_CAP, raters.peers),
    thresholds: DEFAULT_THRESHOLDS,
    createdById: programme.createdById,
    now,
    subjects,
  })
  const nominating = await leaveDraft(tx.feedback, draft, now)
  await tx.audit.record({
    actorId: programme.createdById,
    actor: `employee:${programme.createdById}`,
    action: 'feedback.launch',
    entity: 'FeedbackCycle',
    entityId: draft.id,
    data: { programmeId: programme.id, stageId: stage.id, subjects: subjects.map((s) => s.employeeId), perspectives },
  })
  // The cards are collected, not sent: sending waits for the commit.
  const deliveries: Delivery[] = []
  const collectDeps: FeedbackDeps = { ...deps, store: tx, deliver: async (d) => void deliveries.push(...d) }
  const collecting = await startCollectingCycle(collectDeps, nominating, programme.createdById)
  if (collecting.kind !== 'moved') throw new Error(`feedback cycle ${draft.id} could not start collecting`)

  const rows: StageTaskRow[] = (await tx.feedback.requests(draft.id)).flatMap((r) =>
    r.taskId === null
      ? []
      : [{ stageId: stage.id, participantId: r.subjectId, taskKind: 'evaluation' as const, taskId: r.taskId, status: 'open' }],
  )
  await tx.programmes.linkTasks(rows.map(({ status: _status, ...row }) => row))
  return { rows, deliveries }
}

/**
 * The stage is over (everything answered, or its due date came): closes its
 * cycle, which expires open requests and cancels their tasks, records the
 * results and sends the reports. Safe to repeat: a closed cycle stays closed, and
 * a close that stopped half-way is finished.
 */
export async function closeStageCycle(deps: ProgrammeDeps, tasks: readonly StageTaskRow[]): Promise<void> {
  const first = tasks.find((t) => t.taskKind === 'evaluation')
  const request = first ? await deps.store.feedback.requestByTask(first.taskId) : null
  const cycle = request ? await deps.store.feedback.cycle(request.cycleId) : null
  if (!cycle) return
  await closeCycleNow(deps, cycle, null)
}

/** Delivers cards for a stage's cycle. */
export async function deliverStageCards(deps: ProgrammeDeps, deliveries: Delivery[]): Promise<void> {
  if (deliveries.length > 0) await deps.deliver(deliveries)
}
