// Submitting a check-in and marking a material provided, from the card's button
// or its form (a Slack modal, a Feishu form container, a console form). Access is
// decided here: only the check-in's person submits; only the material's provider
// (or HR) marks it provided.
import { makeCard } from '../../kernel/cards/build.js'
import type { Button, Card, Form } from '../../kernel/cards/card.js'
import { type Actor, isHr } from '../../kernel/context.js'
import { type Locale, pick } from '../../kernel/domain/types.js'
import { formatDate, formatTime } from '../../kernel/format.js'
import { type Translate, translator } from '../../kernel/i18n/index.js'
import type { ActionReply, InboundAction } from '../../kernel/inbound.js'
import { materialProvider } from './materials.js'
import type { DutiesDeps } from './ports.js'
import type { CheckInView, DutyEvidence, MaterialRecord } from './types.js'

const CHECKIN = /^checkin:(\d{1,12})$/
const MATERIAL = /^material:(\d{1,12})$/
const MAX_NOTE = 500
const MAX_LINK = 500

const checkInFormKey = (id: number): string => `checkin:${id}`
const materialFormKey = (id: number): string => `material:${id}`

/** The check-in's Submit: straight to submit_form when it asks for nothing, else its one-field form. */
export function checkInButton(view: Pick<CheckInView, 'checkIn' | 'evidence'>, tr: Translate): Button {
  const key = checkInFormKey(view.checkIn.id)
  return view.evidence === 'none'
    ? { label: tr('duties.checkin.submit'), action: { id: 'submit_form', value: key }, style: 'primary' }
    : { label: tr('duties.checkin.submit'), action: { id: 'open_form', value: key }, style: 'primary' }
}

export function materialButton(material: Pick<MaterialRecord, 'id'>, tr: Translate): Button {
  return { label: tr('duties.material.provide'), action: { id: 'open_form', value: materialFormKey(material.id) }, style: 'primary' }
}

const FIELD_LABEL = { note: 'duties.checkin.field.note', number: 'duties.checkin.field.number', link: 'duties.checkin.field.link' } as const

function checkInForm(view: CheckInView, locale: Locale, timeZone: string, errors?: Record<string, string>): Form {
  const tr = translator(locale)
  const duty = pick(view.text, locale)
  const evidence = view.evidence === 'none' ? 'note' : view.evidence
  return {
    key: checkInFormKey(view.checkIn.id),
    title: tr('duties.checkin.formTitle', { duty }).slice(0, 24),
    intro: `${duty} — ${tr('duties.checkin.formIntro', { date: view.checkIn.occurrence, time: formatTime(view.checkIn.dueAt, locale, timeZone) })}`,
    submitLabel: tr('duties.checkin.submit'),
    fields: [
      {
        type: 'text',
        name: 'evidence',
        label: tr(FIELD_LABEL[evidence]),
        multiline: evidence === 'note',
        maxLength: evidence === 'note' ? MAX_NOTE : MAX_LINK,
        required: view.evidence !== 'none',
        ...(evidence === 'link' ? { placeholder: 'https://' } : {}),
      },
    ],
    ...(errors && Object.keys(errors).length > 0 ? { errors } : {}),
  }
}

function materialForm(material: MaterialRecord, locale: Locale, errors?: Record<string, string>): Form {
  const tr = translator(locale)
  const title = pick(material.title, locale)
  return {
    key: materialFormKey(material.id),
    title: tr('duties.material.formTitle', { material: title }).slice(0, 24),
    intro: `${title} — ${tr('duties.material.formIntro', { course: `${material.courseCode} ${pick(material.courseTitle, locale)}` })}`,
    submitLabel: tr('duties.material.provide'),
    fields: [
      {
        type: 'text',
        name: 'url',
        label: tr('duties.material.field.url'),
        multiline: false,
        maxLength: MAX_LINK,
        required: false,
        placeholder: 'https://',
      },
    ],
    ...(errors && Object.keys(errors).length > 0 ? { errors } : {}),
  }
}

const formCard = (form: Form, locale: Locale): Card => makeCard(locale, { title: form.title, tone: 'info' }, [{ type: 'form', form }])

const isLink = (text: string): boolean => {
  if (!/^https?:\/\//i.test(text)) return false
  try {
    const url = new URL(text)
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0
  } catch {
    return false
  }
}

/** The evidence as stored, or the error key that says why it is not acceptable. Pure. */
export function validateEvidence(
  evidence: DutyEvidence,
  raw: string | undefined,
): { ok: true; value: string | null } | { ok: false; error: 'required' | 'notNumber' | 'notLink' } {
  const text = (raw ?? '').trim()
  if (evidence === 'none') return { ok: true, value: text === '' ? null : text.slice(0, MAX_NOTE) }
  if (text === '') return { ok: false, error: 'required' }
  if (evidence === 'number') {
    const normalised = text.replace(/,/g, '')
    return /^-?\d+(\.\d+)?$/.test(normalised) && Number.isFinite(Number(normalised))
      ? { ok: true, value: normalised }
      : { ok: false, error: 'notNumber' }
  }
  if (evidence === 'link') return isLink(text) && text.length <= MAX_LINK ? { ok: true, value: text } : { ok: false, error: 'notLink' }
  return { ok: true, value: text.slice(0, MAX_NOTE) }
}

type SubmitCheckInResult =
  | { kind: 'refused' }
  | { kind: 'not_found' }
  | { kind: 'already'; view: CheckInView }
  | { kind: 'closed'; view: CheckInView }
  | { kind: 'invalid'; view: CheckInView; error: 'required' | 'notNumber' | 'notLink' }
  | { kind: 'done'; view: CheckInView }

/** Records a check-in done with its evidence: only its own person may, and only once. */
async function submitCheckIn(deps: DutiesDeps, actor: Actor, id: number, raw: string | undefined): Promise<SubmitCheckInResult> {
  const view = await deps.store.duties.checkIn(id)
  if (!view) return { kind: 'not_found' }
  if (view.checkIn.employeeId !== actor.employee.id) return { kind: 'refused' }
  if (view.checkIn.status === 'done') return { kind: 'already', view }
  if (view.checkIn.status === 'missed') return { kind: 'closed', view }
  const checked = validateEvidence(view.evidence, raw)
  if (!checked.ok) return { kind: 'invalid', view, error: checked.error }
  const at = deps.clock.now()
  const done = await deps.store.transaction(async (tx) => {
    const changed = await tx.duties.submitCheckIn({ id, at, evidence: checked.value })
    if (changed)
      await tx.audit.record({
        actorId: actor.employee.id,
        actor: `employee:${actor.employee.id}`,
        action: 'duty.checkin',
        entity: 'DutyCheckIn',
        entityId: id,
      })
    return changed
  })
  if (!done) {
    const now = await deps.store.duties.checkIn(id)
    return now?.checkIn.status === 'missed' ? { kind: 'closed', view: now } : { kind: 'already', view: now ?? view }
  }
  return { kind: 'done', view: { ...view, checkIn: { ...view.checkIn, status: 'done', submittedAt: at, evidence: checked.value } } }
}

type ProvideMaterialResult =
  | { kind: 'refused' }
  | { kind: 'not_found' }
  | { kind: 'already'; material: MaterialRecord }
  | { kind: 'invalid'; material: MaterialRecord }
  | { kind: 'done'; material: MaterialRecord }

/** Whether the actor may mark this material provided: its provider as resolved now, the named employee, or HR. */
async function mayProvide(deps: DutiesDeps, actor: Actor, material: MaterialRecord): Promise<boolean> {
  const me = actor.employee
  if (isHr(me) || material.providerEmployeeId === me.id) return true
  const people = await deps.store.employees.allActive()
  return materialProvider(material, people) === me.id
}

async function provideMaterial(deps: DutiesDeps, actor: Actor, id: number, rawUrl: string | undefined): Promise<ProvideMaterialResult> {
  const material = await deps.store.duties.material(id)
  if (!material) return { kind: 'not_found' }
  if (!(await mayProvide(deps, actor, material))) return { kind: 'refused' }
  if (material.providedAt) return { kind: 'already', material }
  const url = (rawUrl ?? '').trim()
  if (url !== '' && !isLink(url)) return { kind: 'invalid', material }
  const at = deps.clock.now()
  const done = await deps.store.transaction(async (tx) => {
    const changed = await tx.duties.markProvided({ id, at, url: url === '' ? null : url })
    if (changed)
      await tx.audit.record({
        actorId: actor.employee.id,
        actor: `employee:${actor.employee.id}`,
        action: 'material.provided',
        entity: 'CourseMaterial',
        entityId: id,
      })
    return changed
  })
  if (!done) return { kind: 'already', material }
  return { kind: 'done', material: { ...material, providedAt: at, url: url === '' ? material.url : url } }
}

/** open_form / submit_form for "checkin:<id>" and "material:<id>"; null for any other action. */
export async function handleDutyAction(deps: DutiesDeps, actor: Actor, action: InboundAction): Promise<ActionReply | null> {
  if (action.actionId !== 'open_form' && action.actionId !== 'submit_form') return null
  const checkin = CHECKIN.exec(action.value)
  const material = MATERIAL.exec(action.value)
  if (!checkin && !material) return null
  const tr = translator(actor.locale)
  const { locale } = actor
  const timeZone = actor.employee.timeZone
  const refused: ActionReply = { kind: 'notify', notice: { tone: 'error', text: tr('access.refused') } }
  const invalid: ActionReply = { kind: 'notify', notice: { tone: 'error', text: tr('action.invalid') } }
  const values = action.values ?? {}
  if (checkin) {
    const id = Number(checkin[1])
    const labels = (view: CheckInView) => ({ duty: pick(view.text, locale), date: view.checkIn.occurrence })
    if (action.actionId === 'open_form') {
      const view = await deps.store.duties.checkIn(id)
      if (!view) return invalid
      if (view.checkIn.employeeId !== actor.employee.id) return refused
      if (view.checkIn.status === 'done')
        return { kind: 'notify', notice: { tone: 'info', text: tr('duties.checkin.already', labels(view)) } }
      if (view.checkIn.status === 'missed')
        return { kind: 'notify', notice: { tone: 'info', text: tr('duties.checkin.closed', labels(view)) } }
      const form = checkInForm(view, locale, timeZone)
      return { kind: 'form', form, card: formCard(form, locale) }
    }
    const result = await submitCheckIn(deps, actor, id, values.evidence)
    switch (result.kind) {
      case 'refused':
        return refused
      case 'not_found':
        return invalid
      case 'already':
        return { kind: 'notify', notice: { tone: 'info', text: tr('duties.checkin.already', labels(result.view)) } }
      case 'closed':
        return { kind: 'notify', notice: { tone: 'info', text: tr('duties.checkin.closed', labels(result.view)) } }
      case 'invalid': {
        const errors = { evidence: tr(`duties.checkin.${result.error}` as const) }
        const form = checkInForm(result.view, locale, timeZone, errors)
        return { kind: 'form_errors', form, card: formCard(form, locale), errors, values, notice: { tone: 'error', text: errors.evidence } }
      }
      case 'done': {
        const text = tr('duties.checkin.done', labels(result.view))
        return {
          kind: 'replace',
          card: makeCard(locale, { title: text, tone: 'success' }, []),
          notice: { tone: 'success', text },
          isPersonal: true,
        }
      }
    }
  }
  const id = Number(material![1])
  if (action.actionId === 'open_form') {
    const found = await deps.store.duties.material(id)
    if (!found) return invalid
    if (!(await mayProvide(deps, actor, found))) return refused
    if (found.providedAt)
      return { kind: 'notify', notice: { tone: 'info', text: tr('duties.material.already', { material: pick(found.title, locale) }) } }
    const form = materialForm(found, locale)
    return { kind: 'form', form, card: formCard(form, locale) }
  }
  const result = await provideMaterial(deps, actor, id, values.url)
  switch (result.kind) {
    case 'refused':
      return refused
    case 'not_found':
      return invalid
    case 'already':
      return {
        kind: 'notify',
        notice: { tone: 'info', text: tr('duties.material.already', { material: pick(result.material.title, locale) }) },
      }
    case 'invalid': {
      const errors = { url: tr('duties.checkin.notLink') }
      const form = materialForm(result.material, locale, errors)
      return { kind: 'form_errors', form, card: formCard(form, locale), errors, values, notice: { tone: 'error', text: errors.url } }
    }
    case 'done': {
      const text = tr('duties.material.done', { material: pick(result.material.title, locale) })
      return {
        kind: 'replace',
        card: makeCard(locale, { title: text, tone: 'success' }, []),
        notice: { tone: 'success', text },
        isPersonal: true,
      }
    }
  }
}

/** A due date and time in the reader's zone, e.g. "2026-12-03 18:00". */
export const dueText = (at: Date, locale: Locale, timeZone: string): string =>
  `${formatDate(at, locale, timeZone)} ${formatTime(at, locale, timeZone)}`
