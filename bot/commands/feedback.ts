// `ladder feedback …`: run 360 cycles from a terminal, acting as a named
// employee (`--as`) and authorised exactly as in chat — the same use cases.
import { renderText } from '../../adapters/cli/render-text.js'
import {
  advanceCycles,
  approvalFormCard,
  approveNominations,
  closeCycle,
  cycleStatus,
  cycleStatusCard,
  decidedCard,
  type FeedbackDeps,
  feedbackReport,
  feedbackReportCard,
  illegalStageText,
  launchCycle,
  launchedCard,
  type NominationMode,
  nominatedCard,
  nominateRaters,
  nominationView,
  PERSPECTIVES,
  type Perspective,
  parseEmails,
  problemTexts,
  type StageResult,
  shareResults,
  stageCard,
  startCollecting,
} from '../../core/features/feedback/index.js'
import type { Card } from '../../core/kernel/cards/card.js'
import type { Actor } from '../../core/kernel/context.js'
import type { Delivery } from '../../core/kernel/messaging.js'
import { endOfDay, startOfDay } from '../../core/kernel/window-dates.js'
import type { Config } from '../config.js'
import { openCommandRuntime, type Runtime } from '../runtime.js'
import { type Command, parseArgs, unknownEmployee } from './command.js'

const USAGE = `ladder feedback <action> --as <email> [options] [--json]
  launch   --name "<name>" --subjects a@x,b@x --opens 2026-12-01 --closes 2026-12-14
           [--perspectives self,manager,peer,report] [--nomination manager|subject]
           [--peer-cap 8] [--peer-threshold 3] [--report-threshold 3] [--dimensions code,code]
  nominate --cycle <id> --subject <email> [--peers a@x,b@x] [--reports c@x]
  approve  --cycle <id> --subject <email> [--reject a@x,b@x]   (approves every other proposal)
  open | close | share --cycle <id>
  status   [--cycle <id>]
  report   --cycle <id> --subject <email>
  advance  (no --as: opens and closes cycles whose window says so, as the scheduler does)`

type Out = { code: number; card?: Card; error?: string }

const str = (v: string | true | undefined): string | undefined => (typeof v === 'string' ? v : undefined)
const num = (v: string | true | undefined): number | undefined => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined)

export const command: Command = {
  summary: 'Run 360° feedback cycles: launch, nominate, approve, open, close, share, status',
  usage: USAGE,
  async run(args, config) {
    const [action, ...rest] = args
    const { flags } = parseArgs(rest, ['json'])
    if (!action || !['launch', 'nominate', 'approve', 'open', 'close', 'share', 'status', 'report', 'advance'].includes(action)) {
      console.error(`Usage: ${USAGE}`)
      return 2
    }
    const runtime = await openCommandRuntime(config)
    try {
      const outgoing: Delivery[] = []
      const deps = feedbackDeps(runtime, config, outgoing)
      if (action === 'advance') {
        const result = await advanceCycles(deps)
        console.log(
          flags.json ? JSON.stringify(result) : `opened: ${result.opened.join(', ') || '-'}; closed: ${result.closed.join(', ') || '-'}`,
        )
        return 0
      }
      const email = str(flags.as)
      const employee = email ? await runtime.store.employees.byEmail(email) : null
      if (employee?.status !== 'active') {
        console.error(email ? await unknownEmployee(runtime.store.employees, email) : `--as <email> is required.\n\nUsage: ${USAGE}`)
        return email ? 1 : 2
      }
      const out = await perform(action, flags, deps, { employee, locale: employee.locale })
      await printDeliveries(runtime, outgoing, Boolean(flags.json))
      if (out.error) console.error(out.error)
      if (out.card) console.log(flags.json ? JSON.stringify({ text: out.card.fallback, card: out.card }, null, 2) : renderText(out.card))
      return out.code
    } finally {
      await runtime.close()
    }
  },
}

function feedbackDeps(runtime: Runtime, _config: Config, outgoing: Delivery[]): FeedbackDeps {
  const { deps } = runtime
  // Cards for other people go to the outbox (the running server sends them) and are listed here.
  const deliver = async (deliveries: Delivery[]) => {
    outgoing.push(...deliveries)
    await deps.deliver(deliveries)
  }
  return { ...deps, deliver }
}

async function printDeliveries(runtime: Runtime, deliveries: Delivery[], isJson: boolean): Promise<void> {
  for (const d of deliveries) {
    const to = await runtime.store.employees.byId(d.recipientId)
    const line = isJson
      ? JSON.stringify({ to: to?.email ?? d.recipientId, purpose: d.purpose, text: d.card.fallback })
      : `→ ${to?.email ?? d.recipientId} (${d.purpose}): ${d.card.fallback.split('\n')[0]}`
    console.error(line)
  }
  if (deliveries.length > 0 && !isJson)
    console.error('These cards are in the outbox; the running server sends them (`ladder outbox` shows the queue).')
}

async function subjectId(deps: FeedbackDeps, flag: string | true | undefined): Promise<number | null> {
  const email = str(flag)
  return email ? ((await deps.store.employees.byEmail(email))?.id ?? null) : null
}

function stageOut(result: StageResult, actor: Actor): Out {
  if (result.kind === 'refused')
    return { code: 1, error: 'Refused: only HR or the cycle’s launcher can do that (or the cycle does not exist).' }
  if (result.kind === 'illegal') return { code: 1, error: illegalStageText(result.transition, actor.locale) }
  return { code: 0, card: stageCard(result.cycle, result.deliveries.length, actor.locale) }
}

const problemsOut = (errors: Parameters<typeof problemTexts>[0], actor: Actor): Out => ({
  code: 1,
  error: Object.entries(problemTexts(errors, actor.locale))
    .map(([field, text]) => `--${field.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}: ${text}`)
    .join('\n'),
})

async function perform(action: string, flags: Record<string, string | true>, deps: FeedbackDeps, actor: Actor): Promise<Out> {
  const cycleId = num(flags.cycle)
  const refused: Out = { code: 1, error: 'Refused: you may not do that for this cycle or person (or it does not exist).' }
  if (action === 'launch') {
    const tz = actor.employee.timeZone
    const opensAt = startOfDay(str(flags.opens) ?? '', tz)
    const closesAt = endOfDay(str(flags.closes) ?? '', tz)
    if (!opensAt || !closesAt) return { code: 2, error: '--opens and --closes take dates like 2026-12-08.' }
    const perspectives = (str(flags.perspectives) ?? PERSPECTIVES.join(',')).split(',').map((p) => p.trim())
    if (perspectives.some((p) => !(PERSPECTIVES as readonly string[]).includes(p)))
      return { code: 2, error: `--perspectives: choose from ${PERSPECTIVES.join(', ')}.` }
    const nomination = str(flags.nomination) ?? 'manager'
    if (nomination !== 'manager' && nomination !== 'subject') return { code: 2, error: '--nomination is manager or subject.' }
    const result = await launchCycle(deps, actor, {
      name: str(flags.name) ?? '',
      subjectEmails: parseEmails(str(flags.subjects) ?? ''),
      opensAt,
      closesAt,
      perspectives: perspectives as Perspective[],
      nominationBy: nomination as NominationMode,
      ...(flags['peer-cap'] !== undefined ? { peerCap: num(flags['peer-cap']) ?? -1 } : {}),
      thresholds: {
        ...(flags['peer-threshold'] !== undefined ? { peer: num(flags['peer-threshold']) ?? -1 } : {}),
        ...(flags['report-threshold'] !== undefined ? { report: num(flags['report-threshold']) ?? -1 } : {}),
      },
      ...(str(flags.dimensions)
        ? {
            dimensionCodes: (str(flags.dimensions) as string)
              .split(',')
              .map((d) => d.trim())
              .filter(Boolean),
          }
        : {}),
    })
    if (result.kind === 'refused') return { code: 1, error: 'Refused: only HR and managers launch 360 cycles.' }
    if (result.kind === 'invalid') return problemsOut(result.errors, actor)
    return { code: 0, card: launchedCard(result, actor.employee, actor.locale) }
  }
  if (action === 'status') {
    const result = await cycleStatus(deps, actor, cycleId === undefined ? {} : { cycleId })
    return result.kind === 'refused' ? refused : { code: 0, card: cycleStatusCard(result, actor.locale, actor.employee.timeZone) }
  }
  if (cycleId === undefined) return { code: 2, error: `--cycle <id> is required.\n\nUsage: ${USAGE}` }
  if (action === 'open') return stageOut(await startCollecting(deps, actor, { cycleId }), actor)
  if (action === 'close') return stageOut(await closeCycle(deps, actor, { cycleId }), actor)
  if (action === 'share') return stageOut(await shareResults(deps, actor, { cycleId }), actor)

  const subject = await subjectId(deps, flags.subject)
  if (subject === null) return { code: 2, error: '--subject <email> of an employee in the cycle is required.' }
  if (action === 'report') {
    const result = await feedbackReport(deps, actor, { cycleId, subjectId: subject })
    if (result.kind === 'refused') return refused
    if (result.kind === 'not_ready') return { code: 1, error: `The report is not available while the cycle is ${result.stage}.` }
    return { code: 0, card: feedbackReportCard(result, actor.locale) }
  }
  if (action === 'nominate') {
    const result = await nominateRaters(deps, actor, {
      cycleId,
      subjectId: subject,
      peerEmails: parseEmails(str(flags.peers) ?? ''),
      reportEmails: parseEmails(str(flags.reports) ?? ''),
    })
    if (result.kind === 'refused') return refused
    if (result.kind === 'wrong_stage') return { code: 1, error: `Nominations are closed: the cycle is ${result.stage}.` }
    if (result.kind === 'invalid') return problemsOut(result.errors, actor)
    return { code: 0, card: nominatedCard(result, actor.locale) }
  }
  // approve: every proposal except those named in --reject
  const view = await nominationView(deps, actor, { cycleId, subjectId: subject })
  if (view.kind === 'refused') return refused
  if (view.kind === 'wrong_stage') return { code: 1, error: `Nominations are closed: the cycle is ${view.stage}.` }
  const rejectEmails = new Set(parseEmails(str(flags.reject) ?? ''))
  const proposed = view.view.nominees.filter((n) => n.request.status === 'proposed')
  if (proposed.length === 0) return { code: 0, card: approvalFormCard(view.view, actor.locale) }
  const result = await approveNominations(deps, actor, {
    cycleId,
    subjectId: subject,
    approve: proposed.filter((n) => !rejectEmails.has(n.rater.email)).map((n) => n.request.id),
    reject: proposed.filter((n) => rejectEmails.has(n.rater.email)).map((n) => n.request.id),
  })
  if (result.kind === 'refused') return refused
  if (result.kind === 'wrong_stage') return { code: 1, error: `Nominations are closed: the cycle is ${result.stage}.` }
  return { code: 0, card: decidedCard(result, actor.locale) }
}
