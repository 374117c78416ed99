// Cards delivered to the people a cycle needs (a nominator, an approver, the
// nominator of a rater who declined). Use cases send these, so they depend on
// nothing but the cycle's data and the form keys.

import { makeCard } from '../../kernel/cards/build.js'
import type { Card } from '../../kernel/cards/card.js'
import { displayName } from '../../kernel/context.js'
import type { Employee, Locale } from '../../kernel/domain/types.js'
import { formatDate } from '../../kernel/format.js'
import { translator } from '../../kernel/i18n/index.js'
import { approvalFormKey, nominationFormKey } from './feedback-card.js'
import type { RaterView } from './rater-form.js'
import type { FeedbackCycle } from './types.js'

export function windowText(cycle: FeedbackCycle, locale: Locale, timeZone: string): string {
  return `${formatDate(cycle.opensAt, locale, timeZone)} – ${formatDate(cycle.closesAt, locale, timeZone)}`
}

export function nominationRequestCard(cycle: FeedbackCycle, subject: Employee, reader: Employee): Card {
  const locale = reader.locale
  const tr = translator(locale)
  const self = reader.id === subject.id
  return makeCard(
    locale,
    {
      title: self
        ? tr('feedback.nominateRequest.selfTitle')
        : tr('feedback.nominateRequest.title', { subject: displayName(subject, locale) }),
      subtitle: cycle.name,
      tone: 'info',
    },
    [
      {
        type: 'text',
        text: tr(self ? 'feedback.nominateRequest.selfBody' : 'feedback.nominateRequest.body', {
          subject: displayName(subject, locale),
          cap: cycle.peerCap,
          date: formatDate(cycle.opensAt, locale, reader.timeZone),
        }),
      },
      {
        type: 'actions',
        buttons: [
          {
            label: tr('feedback.button.nominate'),
            action: { id: 'open_form', value: nominationFormKey(cycle.id, subject.id) },
            style: 'primary',
          },
        ],
      },
    ],
  )
}

export function approvalRequestCard(cycle: FeedbackCycle, subject: Employee, count: number, reader: Employee): Card {
  const locale = reader.locale
  const tr = translator(locale)
  return makeCard(
    locale,
    { title: tr('feedback.approveRequest.title', { subject: displayName(subject, locale) }), subtitle: cycle.name, tone: 'info' },
    [
      { type: 'text', text: tr('feedback.approveRequest.body', { subject: displayName(subject, locale), n: count }) },
      {
        type: 'actions',
        buttons: [
          {
            label: tr('feedback.button.review'),
            action: { id: 'open_form', value: approvalFormKey(cycle.id, subject.id) },
            style: 'primary',
          },
        ],
      },
    ],
  )
}

export function declinedNoticeCard(view: RaterView, rater: Employee, reader: Employee): Card {
  const locale = reader.locale
  const tr = translator(locale)
  return makeCard(locale, { title: tr('feedback.declinedNotice.title'), subtitle: view.cycle.name, tone: 'warning' }, [
    {
      type: 'text',
      text: tr('feedback.declinedNotice.body', {
        rater: displayName(rater, locale),
        subject: displayName(view.subject, locale),
        reason: view.request.declineReason ?? '',
      }),
    },
    {
      type: 'actions',
      buttons: [
        { label: tr('feedback.button.nominate'), action: { id: 'open_form', value: nominationFormKey(view.cycle.id, view.subject.id) } },
      ],
    },
  ])
}
