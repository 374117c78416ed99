// What a programme stage asks of whom, decided from plain data: which trainings
// and evaluation tasks to create when the stage begins.
import type { Employee, EvaluationKind } from '../../kernel/domain/types.js'
import type { Perspective } from '../feedback/index.js'
import type { ProgrammeStage, ProgrammeTemplate } from './programme-template.js'

export type StageTaskSpec =
  | { kind: 'training'; participantId: number; courseId: number }
  | {
      kind: 'evaluation'
      participantId: number
      evaluationKind: Exclude<EvaluationKind, 'rating_360'>
      assigneeId: number
      subjectId: number
    }
  /** A rater of the stage's 360 cycle: their rating_360 task comes with the cycle's request. */
  | { kind: 'feedback'; participantId: number; raterId: number; perspective: Perspective }

/**
 * The tasks a stage creates. Training: each course for each participant.
 * Reflection and self evaluation: the participant. 360: raters around the
 * participant (manager, peers under the same manager, direct reports, and the
 * participant when the template asks for self ratings) — nobody when no one but
 * the participant would rate them. Supervisor evaluation: the participant's
 * manager — nobody when there is none. Result: nothing.
 */
export function stageTaskSpecs(
  stage: ProgrammeStage,
  participants: readonly Employee[],
  everyone: readonly Employee[],
  courseIds: ReadonlyMap<string, number>,
  raters: ProgrammeTemplate['raters360'],
): StageTaskSpec[] {
  const specs: StageTaskSpec[] = []
  for (const p of participants) {
    switch (stage.kind) {
      case 'training':
        for (const code of stage.courses ?? []) {
          const courseId = courseIds.get(code.toLowerCase())
          if (courseId !== undefined) specs.push({ kind: 'training', participantId: p.id, courseId })
        }
        break
      case 'reflection':
      case 'self_evaluation':
        specs.push({ kind: 'evaluation', participantId: p.id, evaluationKind: stage.kind, assigneeId: p.id, subjectId: p.id })
        break
      case 'rating_360': {
        const others = ratersFor(p, everyone, raters)
        // A 360 needs someone besides the participant: a self rating alone is not one.
        if (others.length === 0) break
        if (raters.self) specs.push({ kind: 'feedback', participantId: p.id, raterId: p.id, perspective: 'self' })
        for (const { rater, perspective } of others) specs.push({ kind: 'feedback', participantId: p.id, raterId: rater.id, perspective })
        break
      }
      case 'supervisor_evaluation':
        if (p.managerId !== null && everyone.some((e) => e.id === p.managerId && e.status === 'active')) {
          specs.push({
            kind: 'evaluation',
            participantId: p.id,
            evaluationKind: 'supervisor_evaluation',
            assigneeId: p.managerId,
            subjectId: p.id,
          })
        }
        break
      case 'result':
        break
    }
  }
  return specs
}

export interface Rater360 {
  rater: Employee
  perspective: Exclude<Perspective, 'self'>
}

/** Active people around the participant, with the perspective they rate from; lowest ids first so a rerun picks the same raters. */
export function ratersFor(participant: Employee, everyone: readonly Employee[], raters: ProgrammeTemplate['raters360']): Rater360[] {
  const active = everyone.filter((e) => e.status === 'active' && e.id !== participant.id).sort((a, b) => a.id - b.id)
  const as =
    (perspective: Rater360['perspective']) =>
    (rater: Employee): Rater360 => ({ rater, perspective })
  const manager = raters.manager ? active.filter((e) => e.id === participant.managerId) : []
  const peers = participant.managerId === null ? [] : active.filter((e) => e.managerId === participant.managerId).slice(0, raters.peers)
  const reports = active.filter((e) => e.managerId === participant.id).slice(0, raters.reports)
  return [...manager.map(as('manager')), ...peers.map(as('peer')), ...reports.map(as('report'))]
}
