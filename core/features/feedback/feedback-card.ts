// The 360 forms (launch, nomination, approval, the rater's answers, declining)
// and the rater's cards. Neutral Forms with the same field shapes as the
// supervisor evaluation (presenters/evaluation-card.ts): Slack modal, Feishu
// form card and console form alike.

import { makeCard } from '../../kernel/cards/build.js'
import type { Block, Card, Form, FormField } from '../../kernel/cards/card.js'
import { displayName } from '../../kernel/context.js'
import type { Employee, Locale } from '../../kernel/domain/types.js'
import { pick } from '../../kernel/domain/types.js'
import { formatDate } from '../../kernel/format.js'
import { type Translate, translator } from '../../kernel/i18n/index.js'
import { dimensionField, RATING_MAX, RATING_MIN } from '../evaluations/index.js'
import type { NominationView } from './nomination-view.js'
import type { RaterView } from './rater-form.js'
import { type FeedbackCycle, type FeedbackRequest, isAnonymous, type Perspective, REASON_MAX, type Thresholds } from './types.js'
import { IMPROVEMENTS_FIELD, STRENGTHS_FIELD, TEXT_MAX } from './validate-answers.js'

const LAUNCH_FORM_KEY = 'cycle:launch'
const feedbackFormKey = (requestId: number): string => `feedback:${requestId}`
const declineFormKey = (requestId: number): string => `feedback:${requestId}:decline`
export const nominationFormKey = (cycleId: number, subjectId: number): string => `cycle:${cycleId}:nominate:${subjectId}`
export const approvalFormKey = (cycleId: number, subjectId: number): string => `cycle:${cycleId}:approve:${subjectId}`
export type CycleVerb = 'open' | 'close' | 'share' | 'status'
export const cycleActionKey = (cycleId: number, verb: CycleVerb): string => `cycle:${cycleId}:${verb}`
export const approvalField = (requestId: number): string => `r_${requestId}`
export const REASON_FIELD = 'reason'
export const PEERS_FIELD = 'peers'
export const REPORTS_FIELD = 'reports'

/** The perspective sets offered by the launch form, as comma-separated values. */
export const PERSPECTIVE_CHOICES = ['self,manager,peer,report', 'self,manager,peer', 'manager,peer,report', 'manager,peer'] as const
export const PEER_CAP_CHOICES = [3, 4, 5, 6, 8, 10, 12, 15, 20] as const

type Errors = Record<string, string>
const withErrors = (form: Form, errors: Errors): Form => (Object.keys(errors).length ? { ...form, errors } : form)

/** Exactly who will see a rater's answers, and whether they are anonymous: said before anything is answered. */
function visibilityText(perspective: Perspective, subject: Employee, thresholds: Thresholds, locale: Locale): string {
  const tr = translator(locale)
  const name = displayName(subject, locale)
  // Pooled peers + reports need the larger threshold, so "at least n" holds either way.
  return tr(`feedback.visibility.${perspective}`, { subject: name, n: isAnonymous(perspective) ? thresholds[perspective] : 0 })
}

const perspectiveLabel = (p: Perspective, tr: Translate): string => tr(`feedback.perspective.${p}`)

export function launchForm(locale: Locale, errors: Errors = {}): Form {
  const tr = translator(locale)
  const fields: FormField[] = [
    {
      type: 'text',
      name: 'name',
      label: tr('feedback.launch.name'),
      multiline: false,
      maxLength: 100,
      required: true,
      placeholder: tr('feedback.launch.namePlaceholder'),
    },
    {
      type: 'text',
      name: 'subjects',
      label: tr('feedback.launch.subjects'),
      multiline: true,
      maxLength: 2000,
      required: true,
      placeholder: tr('feedback.emailsPlaceholder'),
    },
    { type: 'date', name: 'opens', label: tr('feedback.launch.opens'), required: true },
    { type: 'date', name: 'closes', label: tr('feedback.launch.closes'), required: true },
    {
      type: 'select',
      name: 'perspectives',
      label: tr('feedback.launch.perspectives'),
      options: PERSPECTIVE_CHOICES.map((value) => ({
        value,
        label: value
          .split(',')
          .map((p) => perspectiveLabel(p as Perspective, tr))
          .join(' + '),
      })),
      required: true,
      initial: PERSPECTIVE_CHOICES[0],
    },
    {
      type: 'select',
      name: 'nomination',
      label: tr('feedback.launch.nomination'),
      options: [
        { value: 'manager', label: tr('feedback.launch.byManager') },
        { value: 'subject', label: tr('feedback.launch.bySubject') },
      ],
      required: true,
      initial: 'manager',
    },
    {
      type: 'select',
      name: 'peerCap',
      label: tr('feedback.launch.peerCap'),
      options: PEER_CAP_CHOICES.map((n) => ({ value: String(n), label: String(n) })),
      required: true,
      initial: '8',
    },
  ]
  return withErrors({ key: LAUNCH_FORM_KEY, title: tr('feedback.launch.title'), submitLabel: tr('feedback.launch.submit'), fields }, errors)
}

export function nominationForm(view: NominationView, locale: Locale, errors: Errors = {}): Form {
  const tr = translator(locale)
  const { cycle, subject } = view
  const fields: FormField[] = []
  if (cycle.perspectives.includes('peer')) {
    fields.push({
      type: 'text',
      name: PEERS_FIELD,
      label: tr('feedback.nominate.peers', { cap: cycle.peerCap }),
      multiline: true,
      maxLength: 2000,
      required: false,
      placeholder: tr('feedback.emailsPlaceholder'),
    })
  }
  if (cycle.perspectives.includes('report')) {
    fields.push({
      type: 'text',
      name: REPORTS_FIELD,
      label: tr('feedback.nominate.reports'),
      multiline: true,
      maxLength: 2000,
      required: false,
      placeholder: tr('feedback.emailsPlaceholder'),
    })
  }
  return withErrors(
    {
      key: nominationFormKey(cycle.id, subject.id),
      title: tr('feedback.nominate.title', { subject: displayName(subject, locale) }),
      submitLabel: view.right === 'proposed' ? tr('feedback.nominate.propose') : tr('feedback.nominate.submit'),
      fields,
    },
    errors,
  )
}

export function approvalForm(view: NominationView, locale: Locale): Form {
  const tr = translator(locale)
  const proposed = view.nominees.filter((n) => n.request.status === 'proposed')
  return {
    key: approvalFormKey(view.cycle.id, view.subject.id),
    title: tr('feedback.approve.title', { subject: displayName(view.subject, locale) }),
    submitLabel: tr('feedback.approve.submit'),
    fields: proposed.map(({ request, rater }) => ({
      type: 'select' as const,
      name: approvalField(request.id),
      label: `${displayName(rater, locale)} (${perspectiveLabel(request.perspective, tr)})`,
      options: [
        { value: 'approve', label: tr('feedback.approve.yes') },
        { value: 'reject', label: tr('feedback.approve.no') },
      ],
      required: true,
      initial: 'approve',
    })),
  }
}

/** The rater's questions: one 1–5 rating per dimension, anchored by its behaviours, then strengths and improvements. */
export function raterForm(view: RaterView, locale: Locale, errors: Errors = {}): Form {
  const tr = translator(locale)
  const anchors = Array.from({ length: RATING_MAX - RATING_MIN + 1 }, (_, i) =>
    tr(`feedback.anchor.${i + RATING_MIN}` as 'feedback.anchor.1'),
  )
  const subject = displayName(view.subject, locale)
  const self = view.request.perspective === 'self'
  return withErrors(
    {
      key: feedbackFormKey(view.request.id),
      title: self ? tr('feedback.form.selfTitle') : tr('feedback.form.title', { subject }),
      submitLabel: tr('feedback.form.submit'),
      fields: [
        ...view.questionnaire.map((item) => ({
          type: 'rating' as const,
          name: dimensionField(item.code),
          label:
            pick(item.name, locale) +
            (item.behaviours.length
              ? ` — ${item.behaviours
                  .slice(0, 2)
                  .map((b) => pick(b, locale))
                  .join('; ')}`
              : ''),
          min: RATING_MIN,
          max: RATING_MAX,
          anchors,
          required: true,
        })),
        {
          type: 'text' as const,
          name: STRENGTHS_FIELD,
          label: tr('feedback.form.strengths'),
          multiline: true,
          maxLength: TEXT_MAX,
          required: false,
          placeholder: tr('feedback.form.strengthsHint'),
        },
        {
          type: 'text' as const,
          name: IMPROVEMENTS_FIELD,
          label: tr('feedback.form.improvements'),
          multiline: true,
          maxLength: TEXT_MAX,
          required: false,
          placeholder: tr('feedback.form.improvementsHint'),
        },
      ],
    },
    errors,
  )
}

export function declineForm(view: RaterView, locale: Locale, errors: Errors = {}): Form {
  const tr = translator(locale)
  return withErrors(
    {
      key: declineFormKey(view.request.id),
      title: tr('feedback.decline.title', { subject: displayName(view.subject, locale) }),
      submitLabel: tr('feedback.decline.submit'),
      fields: [
        {
          type: 'text',
          name: REASON_FIELD,
          label: tr('feedback.decline.reason'),
          multiline: true,
          maxLength: REASON_MAX,
          required: true,
          placeholder: tr('feedback.decline.reasonHint'),
        },
      ],
    },
    errors,
  )
}

function raterHeaderBlocks(
  view: Pick<RaterView, 'request' | 'cycle' | 'subject'>,
  reader: Pick<Employee, 'timeZone'>,
  locale: Locale,
): Block[] {
  const tr = translator(locale)
  return [
    {
      type: 'fields',
      fields: [
        { label: tr('feedback.card.about'), value: displayName(view.subject, locale) },
        { label: tr('feedback.card.as'), value: perspectiveLabel(view.request.perspective, tr) },
        { label: tr('feedback.card.deadline'), value: formatDate(view.cycle.closesAt, locale, reader.timeZone) },
      ],
    },
    { type: 'context', text: visibilityText(view.request.perspective, view.subject, view.cycle.thresholds, locale) },
  ]
}

/** The request a rater receives: who it is about, by when, who will see the answers — then Answer / Decline. */
export function raterCard(view: { request: FeedbackRequest; cycle: FeedbackCycle; subject: Employee }, reader: Employee): Card {
  const locale = reader.locale
  const tr = translator(locale)
  const self = view.request.perspective === 'self'
  return makeCard(
    locale,
    {
      title: self ? tr('feedback.card.selfTitle') : tr('feedback.card.title', { subject: displayName(view.subject, locale) }),
      subtitle: view.cycle.name,
      tone: 'info',
    },
    [
      ...raterHeaderBlocks(view, reader, locale),
      {
        type: 'actions',
        buttons: [
          { label: tr('feedback.card.answer'), action: { id: 'open_form', value: feedbackFormKey(view.request.id) }, style: 'primary' },
          { label: tr('feedback.card.decline'), action: { id: 'open_form', value: declineFormKey(view.request.id) } },
        ],
      },
    ],
  )
}

/** The form inline in a card (Feishu, console), with the same visibility notice above it. */
export function raterFormCard(view: RaterView, reader: Employee, locale: Locale, errors: Errors = {}): Card {
  const form = raterForm(view, locale, errors)
  return makeCard(locale, { title: form.title, subtitle: view.cycle.name, tone: 'info' }, [
    ...raterHeaderBlocks(view, reader, locale),
    { type: 'form', form },
  ])
}

export function declineFormCard(view: RaterView, locale: Locale, errors: Errors = {}): Card {
  const tr = translator(locale)
  const form = declineForm(view, locale, errors)
  return makeCard(locale, { title: form.title, tone: 'info' }, [
    { type: 'context', text: tr('feedback.decline.visibility') },
    { type: 'form', form },
  ])
}

/** The rater's card after submitting: done, and the visibility promise repeated. */
export function submittedCard(view: RaterView, locale: Locale): Card {
  const tr = translator(locale)
  return makeCard(locale, { title: tr('feedback.submitted.title'), subtitle: view.cycle.name, tone: 'success' }, [
    { type: 'text', text: tr('feedback.submitted.body', { subject: displayName(view.subject, locale) }) },
    { type: 'context', text: visibilityText(view.request.perspective, view.subject, view.cycle.thresholds, locale) },
  ])
}

export function declinedCard(view: RaterView, locale: Locale): Card {
  const tr = translator(locale)
  return makeCard(locale, { title: tr('feedback.declined.title'), subtitle: view.cycle.name, tone: 'info' }, [
    { type: 'text', text: tr('feedback.declined.body', { subject: displayName(view.subject, locale) }) },
  ])
}

/** Why a request cannot be answered now, for toasts and the CLI. */
export function notOpenText(reason: 'submitted' | 'declined' | 'closed' | 'not_started', locale: Locale): string {
  return translator(locale)(`feedback.notOpen.${reason}`)
}
