// HR, or a manager for people below them, launches a 360 cycle: the cycle, its
// subjects with a frozen questionnaire, the self / manager / direct-report
// requests that need no nomination, then straight on to nominating.
import type { Actor } from '../../kernel/context.js'
import { isHr } from '../../kernel/context.js'
import type { Employee } from '../../kernel/domain/types.js'
import type { Delivery } from '../../kernel/messaging.js'
import { managesSubject } from './access.js'
import { transition } from './cycle-stage.js'
import { deliver } from './deliver.js'
import { nominationRequestCard } from './notify-cards.js'
import type { FeedbackDeps, FeedbackRepo, NewRequest } from './ports.js'
import { chosenQuestionnaire, defaultQuestionnaire } from './questionnaire.js'
import {
  DEFAULT_PEER_CAP,
  DEFAULT_THRESHOLDS,
  type FeedbackCycle,
  MIN_THRESHOLD,
  type NominationMode,
  PERSPECTIVES,
  type Perspective,
  type QuestionnaireItem,
  type Thresholds,
} from './types.js'

export interface LaunchCycleInput {
  name: string
  subjectEmails: string[]
  opensAt: Date
  closesAt: Date
  perspectives?: Perspective[]
  nominationBy?: NominationMode
  peerCap?: number
  thresholds?: Partial<Thresholds>
  /** Dimension codes; default: the subject's next-step (else current) standard. */
  dimensionCodes?: string[]
}

export const LAUNCH_ERRORS = [
  'required',
  'too_long',
  'unknown_person',
  'not_your_report',
  'no_questionnaire',
  'closes_before_opens',
  'closes_in_past',
  'out_of_range',
  'unknown_dimension',
  'too_many',
  'needs_others',
] as const
export type LaunchError = (typeof LAUNCH_ERRORS)[number]
export interface LaunchProblem {
  code: LaunchError
  /** The offending value, e.g. an email or a dimension code. */
  detail?: string
}

export type LaunchCycleResult =
  | {
      kind: 'launched'
      cycle: FeedbackCycle
      subjects: Employee[]
      /** The cards handed to the outbox. */
      deliveries: Delivery[]
      /** Cards nobody could be sent (no chat account, console off). */
      unreachable: Delivery[]
    }
  | { kind: 'invalid'; errors: Record<string, LaunchProblem> }
  | { kind: 'refused' }

export const NAME_MAX = 100
const MAX_SUBJECTS = 50
const MAX_PEER_CAP = 20
const MAX_THRESHOLD = 20

/** A freshly created cycle, moved on to nominating: nobody else knows it yet, so the move cannot lose a race. */
export async function leaveDraft(feedback: FeedbackRepo, draft: FeedbackCycle, at: Date): Promise<FeedbackCycle> {
  const move = transition(draft.stage, 'start_nominating')
  if (!move.ok || !(await feedback.moveStage({ cycleId: draft.id, from: move.from, to: move.to, at }))) {
    throw new Error(`feedback cycle ${draft.id} could not leave draft`)
  }
  return { ...draft, stage: move.to, stageChangedAt: at }
}

export async function launchCycle(deps: FeedbackDeps, actor: Actor, input: LaunchCycleInput): Promise<LaunchCycleResult> {
  const me = actor.employee
  if (!isHr(me) && !me.roles.includes('manager')) return { kind: 'refused' }
  const now = deps.clock.now()
  const errors: Record<string, LaunchProblem> = {}
  const name = input.name.trim()
  if (name === '') errors.name = { code: 'required' }
  else if (name.length > NAME_MAX) errors.name = { code: 'too_long', detail: String(NAME_MAX) }
  if (input.closesAt.getTime() <= input.opensAt.getTime()) errors.closes = { code: 'closes_before_opens' }
  else if (input.closesAt.getTime() <= now.getTime()) errors.closes = { code: 'closes_in_past' }
  const perspectives = PERSPECTIVES.filter((p) => (input.perspectives ?? PERSPECTIVES).includes(p))
  if (!perspectives.some((p) => p !== 'self')) errors.perspectives = { code: 'needs_others' }
  const peerCap = input.peerCap ?? DEFAULT_PEER_CAP
  if (!Number.isInteger(peerCap) || peerCap < 1 || peerCap > MAX_PEER_CAP)
    errors.peerCap = { code: 'out_of_range', detail: `1–${MAX_PEER_CAP}` }
  const thresholds: Thresholds = { ...DEFAULT_THRESHOLDS, ...input.thresholds }
  for (const p of ['peer', 'report'] as const) {
    const n = thresholds[p]
    // Below 3, each of two raters could subtract their own answer from the mean and read the other's.
    if (!Number.isInteger(n) || n < MIN_THRESHOLD || n > MAX_THRESHOLD)
      errors[`${p}Threshold`] = { code: 'out_of_range', detail: `${MIN_THRESHOLD}–${MAX_THRESHOLD}` }
  }

  const subjects: { employee: Employee; questionnaire: QuestionnaireItem[] }[] = []
  const emails = [...new Set(input.subjectEmails.map((e) => e.trim().toLowerCase()).filter(Boolean))]
  if (emails.length === 0) errors.subjects = { code: 'required' }
  else if (emails.length > MAX_SUBJECTS) errors.subjects = { code: 'too_many', detail: String(MAX_SUBJECTS) }
  else {
    const catalog = await deps.store.catalog.load(now)
    for (const email of emails) {
      const employee = await deps.store.employees.byEmail(email)
      if (employee?.status !== 'active') {
        errors.subjects ??= { code: 'unknown_person', detail: email }
        continue
      }
      // Nobody launches feedback about themselves; a manager only for people below them.
      if (employee.id === me.id || !(await managesSubject(deps.store.employees, me, employee))) {
        errors.subjects ??= { code: 'not_your_report', detail: email }
        continue
      }
      const chosen = input.dimensionCodes?.length ? chosenQuestionnaire(catalog, employee, input.dimensionCodes) : null
      if (chosen?.unknown.length) errors.dimensions ??= { code: 'unknown_dimension', detail: chosen.unknown.join(', ') }
      const questionnaire = chosen ? chosen.items : defaultQuestionnaire(catalog, employee)
      if (questionnaire.length === 0) errors.subjects ??= { code: 'no_questionnaire', detail: email }
      subjects.push({ employee, questionnaire })
    }
  }
  if (Object.keys(errors).length > 0) return { kind: 'invalid', errors }

  const nominationBy = input.nominationBy ?? 'manager'
  const planned = []
  for (const { employee, questionnaire } of subjects) {
    const requests: NewRequest[] = []
    const add = (raterId: number, perspective: Perspective) =>
      requests.push({ raterId, perspective, status: 'approved', nominatedById: me.id })
    if (perspectives.includes('self')) add(employee.id, 'self')
    if (perspectives.includes('manager') && employee.managerId !== null) add(employee.managerId, 'manager')
    if (perspectives.includes('report')) {
      // Direct reports are known from the org chart: asked without nomination.
      for (const r of await deps.store.employees.reportsOf(employee.id)) if (r.managerId === employee.id) add(r.id, 'report')
    }
    planned.push({ employeeId: employee.id, managerId: employee.managerId, questionnaire, requests })
  }

  const draft = await deps.store.feedback.createCycle({
    name,
    opensAt: input.opensAt,
    closesAt: input.closesAt,
    perspectives,
    nominationBy,
    peerCap,
    thresholds,
    createdById: me.id,
    now,
    subjects: planned,
  })
  const cycle = await leaveDraft(deps.store.feedback, draft, now)
  await deps.store.audit.record({
    actorId: me.id,
    actor: `employee:${me.id}`,
    action: 'feedback.launch',
    entity: 'FeedbackCycle',
    entityId: cycle.id,
    data: { subjects: subjects.map((s) => s.employee.id), perspectives, nominationBy },
  })

  const deliveries: Delivery[] = []
  if (perspectives.includes('peer')) {
    for (const { employee } of subjects) {
      // Who nominates: the subject (manager approves), else their manager, else the launcher.
      const nominatorId = nominationBy === 'subject' ? employee.id : (employee.managerId ?? me.id)
      const nominator = nominatorId === me.id ? me : await deps.store.employees.byId(nominatorId)
      if (nominator && nominator.id !== me.id)
        deliveries.push({
          recipientId: nominator.id,
          purpose: 'nominate',
          key: `feedback:nominate:${cycle.id}:${employee.id}`,
          card: nominationRequestCard(cycle, employee, nominator),
        })
    }
  }
  const unreachable = await deliver(deps, deliveries)
  return {
    kind: 'launched',
    cycle,
    subjects: subjects.map((s) => s.employee),
    deliveries: deliveries.filter((d) => !unreachable.includes(d)),
    unreachable,
  }
}
