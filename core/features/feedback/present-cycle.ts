// Cards about a cycle for the people who run it: launched, nominate, approve,
// a rater declined, stage moved. (The rater's own cards: presenters/feedback-card.ts.)

import { makeCard } from '../../kernel/cards/build.js'
import type { Block, Card } from '../../kernel/cards/card.js'
import { displayName } from '../../kernel/context.js'
import type { Employee, Locale } from '../../kernel/domain/types.js'
import { type Translate, translator } from '../../kernel/i18n/index.js'
import type { ApproveResult } from './approve-nominations.js'
import type { Transition } from './cycle-stage.js'
import { approvalForm, cycleActionKey, launchForm, nominationForm, nominationFormKey } from './feedback-card.js'
import type { LaunchCycleResult } from './launch-cycle.js'
import type { NominateResult } from './nominate-raters.js'
import type { NominationView } from './nomination-view.js'
import { windowText } from './notify-cards.js'
import type { FeedbackCycle } from './types.js'

const names = (people: Employee[], locale: Locale): string => people.map((p) => displayName(p, locale)).join(', ')

export function launchFormCard(locale: Locale, errors: Record<string, string> = {}): Card {
  const form = launchForm(locale, errors)
  return makeCard(locale, { title: form.title, tone: 'info' }, [
    { type: 'context', text: translator(locale)('feedback.launch.hint') },
    { type: 'form', form },
  ])
}

export function launchedCard(result: Extract<LaunchCycleResult, { kind: 'launched' }>, launcher: Employee, locale: Locale): Card {
  const tr = translator(locale)
  const { cycle } = result
  // Subjects whose nominations fall to the launcher themselves get a button here instead of a message.
  const mine = result.subjects.filter((s) => cycle.nominationBy === 'manager' && (s.managerId ?? launcher.id) === launcher.id)
  const blocks: Block[] = [
    {
      type: 'text',
      text: tr('feedback.launched.body', {
        name: cycle.name,
        id: cycle.id,
        n: result.subjects.length,
        who: names(result.subjects, locale),
      }),
    },
    {
      type: 'fields',
      fields: [
        { label: tr('feedback.launched.window'), value: windowText(cycle, locale, launcher.timeZone) },
        { label: tr('feedback.launched.stage'), value: tr(`feedback.stage.${cycle.stage}`) },
      ],
    },
    { type: 'context', text: tr('feedback.launched.next', { n: result.deliveries.length }) },
  ]
  if (result.unreachable.length > 0)
    blocks.push({
      type: 'context',
      text: `⚠️ ${tr('delivery.unreachable', { n: new Set(result.unreachable.map((d) => d.recipientId)).size })}`,
    })
  if (cycle.perspectives.includes('peer') && mine.length > 0) {
    blocks.push({
      type: 'actions',
      buttons: mine.slice(0, 20).map((s) => ({
        label: tr('feedback.launched.nominateFor', { subject: displayName(s, locale) }),
        action: { id: 'open_form' as const, value: nominationFormKey(cycle.id, s.id) },
      })),
    })
  }
  blocks.push({
    type: 'actions',
    buttons: [
      { label: tr('feedback.button.open'), action: { id: 'submit_form', value: cycleActionKey(cycle.id, 'open') }, style: 'primary' },
    ],
  })
  return makeCard(locale, { title: tr('feedback.launched.title'), subtitle: cycle.name, tone: 'success' }, blocks)
}

export function nominationFormCard(view: NominationView, locale: Locale, errors: Record<string, string> = {}): Card {
  const tr = translator(locale)
  const form = nominationForm(view, locale, errors)
  const blocks: Block[] = []
  if (view.nominees.length > 0) {
    blocks.push({
      type: 'text',
      text:
        tr('feedback.nominate.current') +
        '\n' +
        view.nominees
          .map(
            (n) =>
              `- ${displayName(n.rater, locale)} · ${tr(`feedback.perspective.${n.request.perspective}`)} · ${tr(`feedback.status.${n.request.status}`)}`,
          )
          .join('\n'),
    })
  }
  const suggested = [...view.suggestedPeers, ...view.suggestedReports]
  if (suggested.length > 0)
    blocks.push({ type: 'context', text: tr('feedback.nominate.suggested', { list: suggested.map((e) => e.email).join(', ') }) })
  if (view.right === 'proposed') blocks.push({ type: 'context', text: tr('feedback.nominate.needsApproval') })
  blocks.push({ type: 'form', form })
  return makeCard(locale, { title: form.title, subtitle: view.cycle.name, tone: 'info' }, blocks)
}

export function nominatedCard(result: Extract<NominateResult, { kind: 'nominated' }>, locale: Locale): Card {
  const tr = translator(locale)
  const lines = [
    tr(result.needsApproval ? 'feedback.nominated.proposed' : 'feedback.nominated.added', {
      n: result.added.length,
      subject: displayName(result.subject, locale),
    }),
  ]
  if (result.alreadyNominated.length > 0) lines.push(tr('feedback.nominated.already', { list: result.alreadyNominated.join(', ') }))
  if (!result.needsApproval && result.cycle.stage === 'collecting')
    lines.push(tr('feedback.nominated.asked', { n: result.deliveries.length }))
  if (result.unreachable.length > 0)
    lines.push(`⚠️ ${tr('delivery.unreachable', { n: new Set(result.unreachable.map((d) => d.recipientId)).size })}`)
  return makeCard(locale, { title: tr('feedback.nominated.title'), subtitle: result.cycle.name, tone: 'success' }, [
    { type: 'text', text: lines.join('\n') },
  ])
}

export function approvalFormCard(view: NominationView, locale: Locale): Card {
  const tr = translator(locale)
  const form = approvalForm(view, locale)
  if (form.fields.length === 0)
    return makeCard(locale, { title: form.title, tone: 'info' }, [{ type: 'text', text: tr('feedback.approve.none') }])
  return makeCard(locale, { title: form.title, subtitle: view.cycle.name, tone: 'info' }, [{ type: 'form', form }])
}

export function decidedCard(result: Extract<ApproveResult, { kind: 'decided' }>, locale: Locale): Card {
  const tr = translator(locale)
  return makeCard(locale, { title: tr('feedback.decided.title'), subtitle: result.cycle.name, tone: 'success' }, [
    {
      type: 'text',
      text: tr('feedback.decided.body', {
        approved: result.approved,
        rejected: result.rejected,
        subject: displayName(result.subject, locale),
      }),
    },
  ])
}

export function stageCard(cycle: FeedbackCycle, delivered: number, locale: Locale): Card {
  const tr = translator(locale)
  const next = cycle.stage === 'collecting' ? 'close' : cycle.stage === 'closed' ? 'share' : null
  const blocks: Block[] = [{ type: 'text', text: tr(`feedback.moved.${cycle.stage}`, { name: cycle.name, n: delivered }) }]
  const buttons = [
    { label: tr('feedback.button.status'), action: { id: 'submit_form' as const, value: cycleActionKey(cycle.id, 'status') } },
  ]
  if (next)
    buttons.unshift({ label: tr(`feedback.button.${next}`), action: { id: 'submit_form' as const, value: cycleActionKey(cycle.id, next) } })
  blocks.push({ type: 'actions', buttons })
  return makeCard(locale, { title: cycle.name, subtitle: tr(`feedback.stage.${cycle.stage}`), tone: 'success' }, blocks)
}

export function illegalStageText(t: Extract<Transition, { ok: false }>, locale: Locale): string {
  const tr: Translate = translator(locale)
  return tr(`feedback.illegal.${t.reason}`, { stage: tr(`feedback.stage.${t.from}`), action: tr(`feedback.event.${t.event}`) })
}
