// "cycle:…" actions: launching, nominating, approving, and moving a cycle on.
import type { Actor } from '../../kernel/context.js'
import { translator } from '../../kernel/i18n/index.js'
import type { ActionReply, InboundAction } from '../../kernel/inbound.js'
import { endOfDay, startOfDay } from '../../kernel/window-dates.js'
import { approveNominations } from './approve-nominations.js'
import { closeCycle } from './close-cycle.js'
import { cycleStatus } from './cycle-status.js'
import {
  approvalField,
  approvalForm,
  launchForm,
  nominationForm,
  PEER_CAP_CHOICES,
  PEERS_FIELD,
  PERSPECTIVE_CHOICES,
  REPORTS_FIELD,
} from './feedback-card.js'
import { launchCycle } from './launch-cycle.js'
import { nominateRaters } from './nominate-raters.js'
import { nominationView } from './nomination-view.js'
import { parseEmails } from './people.js'
import type { FeedbackDeps } from './ports.js'
import {
  approvalFormCard,
  decidedCard,
  illegalStageText,
  launchedCard,
  launchFormCard,
  nominatedCard,
  nominationFormCard,
  stageCard,
} from './present-cycle.js'
import { feedbackReportCard } from './present-report.js'
import { cycleStatusCard } from './present-status.js'
import { type ProblemCode, problemTexts } from './problems.js'
import { feedbackReport } from './read-report.js'
import { shareResults } from './share-results.js'
import { type StageResult, startCollecting } from './start-collecting.js'
import type { NominationMode, Perspective } from './types.js'

const SUBJECT_FORM = /^cycle:(\d{1,12}):(nominate|approve|report):(\d{1,12})$/
const STAGE = /^cycle:(\d{1,12}):(open|close|share|status)$/

export async function handleCycleAction(deps: FeedbackDeps, actor: Actor, action: InboundAction): Promise<ActionReply> {
  const tr = translator(actor.locale)
  const locale = actor.locale
  const refused: ActionReply = { kind: 'notify', notice: { tone: 'error', text: tr('access.refused') } }
  const isSubmit = action.actionId === 'submit_form'
  const values = action.values ?? {}

  if (action.value === 'cycle:launch')
    return isSubmit ? launch(deps, actor, values) : { kind: 'form', form: launchForm(locale), card: launchFormCard(locale) }

  const stage = STAGE.exec(action.value)
  if (stage) {
    const cycleId = Number(stage[1])
    if (stage[2] === 'status') {
      const result = await cycleStatus(deps, actor, { cycleId })
      return result.kind === 'refused'
        ? refused
        : { kind: 'replace', card: cycleStatusCard(result, locale, actor.employee.timeZone), isPersonal: true }
    }
    const run = stage[2] === 'open' ? startCollecting : stage[2] === 'close' ? closeCycle : shareResults
    return stageReply(await run(deps, actor, { cycleId }), actor)
  }

  const subjectForm = SUBJECT_FORM.exec(action.value)
  if (!subjectForm) return { kind: 'notify', notice: { tone: 'error', text: tr('action.invalid') } }
  const [cycleId, kind, subjectId] = [Number(subjectForm[1]), subjectForm[2], Number(subjectForm[3])]
  if (kind === 'report') {
    const result = await feedbackReport(deps, actor, { cycleId, subjectId })
    if (result.kind === 'refused') return refused
    if (result.kind === 'not_ready')
      return {
        kind: 'notify',
        notice: { tone: 'info', text: tr('feedback.report.notReady', { stage: tr(`feedback.stage.${result.stage}`) }) },
      }
    return { kind: 'replace', card: feedbackReportCard(result, locale), isPersonal: true }
  }
  if (!isSubmit) {
    const view = await nominationView(deps, actor, { cycleId, subjectId })
    if (view.kind === 'refused') return refused
    if (view.kind === 'wrong_stage') return { kind: 'notify', notice: { tone: 'info', text: tr('feedback.nominate.closed') } }
    if (kind === 'nominate') return { kind: 'form', form: nominationForm(view.view, locale), card: nominationFormCard(view.view, locale) }
    // A form is asked for as a form (a Slack modal); a "replace" with the form in it came back to
    // Slack as a card whose "Open form" button carried this same value, round and round.
    const form = approvalForm(view.view, locale)
    return form.fields.length === 0
      ? { kind: 'replace', card: approvalFormCard(view.view, locale), isPersonal: true }
      : { kind: 'form', form, card: approvalFormCard(view.view, locale) }
  }
  if (kind === 'nominate') {
    const result = await nominateRaters(deps, actor, {
      cycleId,
      subjectId,
      peerEmails: parseEmails(values[PEERS_FIELD] ?? ''),
      reportEmails: parseEmails(values[REPORTS_FIELD] ?? ''),
    })
    if (result.kind === 'refused') return refused
    if (result.kind === 'wrong_stage') return { kind: 'notify', notice: { tone: 'error', text: tr('feedback.nominate.closed') } }
    if (result.kind === 'invalid') {
      const errors = problemTexts(result.errors, locale)
      const notice = { tone: 'error', text: tr('feedback.formError') } as const
      const view = await nominationView(deps, actor, { cycleId, subjectId })
      // The form cannot be shown again (the stage moved on meanwhile): the notice alone.
      if (view.kind !== 'view') return { kind: 'notify', notice }
      return {
        kind: 'form_errors',
        form: nominationForm(view.view, locale, errors),
        card: nominationFormCard(view.view, locale, errors),
        errors,
        values,
        notice,
      }
    }
    return {
      kind: 'replace',
      card: nominatedCard(result, locale),
      notice: { tone: 'success', text: tr('feedback.nominated.title') },
      isPersonal: true,
    }
  }
  // approve: every proposed request in the form has a select: approve | reject.
  const approve: number[] = []
  const reject: number[] = []
  for (const [field, value] of Object.entries(values)) {
    const id = /^r_(\d{1,12})$/.exec(field)?.[1]
    if (!id || approvalField(Number(id)) !== field) continue
    if (value === 'approve') approve.push(Number(id))
    else if (value === 'reject') reject.push(Number(id))
  }
  const result = await approveNominations(deps, actor, { cycleId, subjectId, approve, reject })
  if (result.kind === 'refused') return refused
  if (result.kind === 'wrong_stage') return { kind: 'notify', notice: { tone: 'error', text: tr('feedback.nominate.closed') } }
  return {
    kind: 'replace',
    card: decidedCard(result, locale),
    notice: { tone: 'success', text: tr('feedback.decided.title') },
    isPersonal: true,
  }
}

function stageReply(result: StageResult, actor: Actor): ActionReply {
  const tr = translator(actor.locale)
  if (result.kind === 'refused') return { kind: 'notify', notice: { tone: 'error', text: tr('access.refused') } }
  if (result.kind === 'illegal')
    return { kind: 'notify', notice: { tone: 'error', text: illegalStageText(result.transition, actor.locale) } }
  return {
    kind: 'replace',
    card: stageCard(result.cycle, result.deliveries.length, actor.locale),
    notice: { tone: 'success', text: tr(`feedback.stage.${result.cycle.stage}`) },
    isPersonal: true,
  }
}

async function launch(deps: FeedbackDeps, actor: Actor, values: Record<string, string>): Promise<ActionReply> {
  const locale = actor.locale
  const tr = translator(locale)
  const tz = actor.employee.timeZone
  const problems: Record<string, { code: ProblemCode }> = {}
  const opensAt = startOfDay(values.opens ?? '', tz)
  const closesAt = endOfDay(values.closes ?? '', tz)
  if (!opensAt) problems.opens = { code: 'bad_date' }
  if (!closesAt) problems.closes = { code: 'bad_date' }
  const perspectives = values.perspectives ?? PERSPECTIVE_CHOICES[0]
  if (!(PERSPECTIVE_CHOICES as readonly string[]).includes(perspectives)) problems.perspectives = { code: 'bad_choice' }
  const nomination = values.nomination ?? 'manager'
  if (nomination !== 'manager' && nomination !== 'subject') problems.nomination = { code: 'bad_choice' }
  const peerCap = Number(values.peerCap ?? '8')
  if (!(PEER_CAP_CHOICES as readonly number[]).includes(peerCap)) problems.peerCap = { code: 'bad_choice' }
  const invalid = (errors: Record<string, string>): ActionReply => ({
    kind: 'form_errors',
    form: launchForm(locale, errors),
    card: launchFormCard(locale, errors),
    errors,
    values,
    notice: { tone: 'error', text: tr('feedback.formError') },
  })
  if (Object.keys(problems).length > 0 || !opensAt || !closesAt) return invalid(problemTexts(problems, locale))
  const result = await launchCycle(deps, actor, {
    name: values.name ?? '',
    subjectEmails: parseEmails(values.subjects ?? ''),
    opensAt,
    closesAt,
    perspectives: perspectives.split(',') as Perspective[],
    nominationBy: nomination as NominationMode,
    peerCap,
  })
  if (result.kind === 'refused') return { kind: 'notify', notice: { tone: 'error', text: tr('access.refused') } }
  if (result.kind === 'invalid') return invalid(problemTexts(result.errors, locale))
  return {
    kind: 'replace',
    card: launchedCard(result, actor.employee, locale),
    notice: { tone: 'success', text: tr('feedback.launched.title') },
    isPersonal: true,
  }
}
