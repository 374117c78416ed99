// What a programme stage asks of whom, decided from plain data: which trainings
// and evaluation tasks to create when the stage begins.
import type { Employee, EvaluationKind } from '../domain/types.js'
import type { ProgrammeStage, ProgrammeTemplate } from './programme-template.js'

export type StageTaskSpec =
  | { kind: 'training'; participantId: number; courseId: number }
  | { kind: 'evaluation'; participantId: number; evaluationKind: EvaluationKind; assigneeId: number; subjectId: number }

/**
 * The tasks a stage creates. Training: each course for each participant.
 * Reflection and self evaluation: the participant. 360: raters around the
 * participant (manager, peers under the same manager, direct reports). Supervisor
 * evaluation: the participant's manager — nobody when there is none. Result: nothing.
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
      case 'rating_360':
        for (const rater of ratersFor(p, everyone, raters)) {
          specs.push({ kind: 'evaluation', participantId: p.id, evaluationKind: 'rating_360', assigneeId: rater.id, subjectId: p.id })
        }
        break
      case 'supervisor_evaluation':
        if (p.managerId !== null && everyone.some((e) => e.id === p.managerId && e.status === 'active')) {
          specs.push({ kind: 'evaluation', participantId: p.id, evaluationKind: 'supervisor_evaluation', assigneeId: p.managerId, subjectId: p.id })
        }
        break
      case 'result':
        break
    }
  }
  return specs
}

/** Active people around the participant, lowest ids first so a rerun picks the same raters. */
export function ratersFor(participant: Employee, everyone: readonly Employee[], raters: ProgrammeTemplate['raters360']): Employee[] {
  const active = everyone.filter((e) => e.status === 'active' && e.id !== participant.id).sort((a, b) => a.id - b.id)
  const manager = raters.manager ? active.filter((e) => e.id === participant.managerId) : []
  const peers = participant.managerId === null ? [] : active.filter((e) => e.managerId === participant.managerId).slice(0, raters.peers)
  const reports = active.filter((e) => e.managerId === participant.id).slice(0, raters.reports)
  return [...manager, ...peers, ...reports]
}
