// Starting a programme from chat or the console: "启动后备干部培养" opens a form
// (which template, who takes part, from when); submitting it starts the programme.
import { makeCard } from '../../kernel/cards/build.js'
import type { Card, Form } from '../../kernel/cards/card.js'
import type { Actor } from '../../kernel/context.js'
import { isHr } from '../../kernel/context.js'
import { type Bilingual, type Locale, pick } from '../../kernel/domain/types.js'
import { zonedTime } from '../../kernel/domain/zoned-time.js'
import { translator } from '../../kernel/i18n/index.js'
import type { ActionReply, InboundAction } from '../../kernel/inbound.js'
import { BUILT_IN_TEMPLATES } from './built-in-templates.js'
import type { ProgrammeDeps } from './ports.js'
import { startProgramme } from './programme.js'
import { programmeStartedCard } from './programme-card.js'
import { type ProgrammeTemplate, parseProgrammeTemplate } from './programme-template.js'

const START_FORM_KEY = 'programme:start'
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/

/** The built-in templates, then those of programmes started before (the latest of each code). */
async function templates(deps: ProgrammeDeps): Promise<ProgrammeTemplate[]> {
  const byCode = new Map<string, ProgrammeTemplate>()
  for (const raw of BUILT_IN_TEMPLATES) {
    const parsed = parseProgrammeTemplate(raw)
    if (parsed.kind === 'ok') byCode.set(parsed.template.code, parsed.template)
  }
  const started = [...(await deps.store.programmes.list('active')), ...(await deps.store.programmes.list('completed'))]
  for (const p of started.sort((a, b) => a.id - b.id)) {
    const parsed = parseProgrammeTemplate(JSON.parse(p.template))
    if (parsed.kind === 'ok') byCode.set(parsed.template.code, parsed.template)
  }
  return [...byCode.values()]
}

interface StartFormOptions {
  template?: string
  participants?: string
  start?: string
  errors?: Record<string, string>
}

function startForm(locale: Locale, choices: readonly { code: string; name: Bilingual }[], options: StartFormOptions): Form {
  const tr = translator(locale)
  return {
    key: START_FORM_KEY,
    title: tr('programme.form.title'),
    submitLabel: tr('programme.form.submit'),
    fields: [
      {
        type: 'select',
        name: 'template',
        label: tr('programme.form.template'),
        options: choices.map((t) => ({ label: pick(t.name, locale), value: t.code })),
        required: true,
        ...(options.template ? { initial: options.template } : {}),
      },
      {
        type: 'text',
        name: 'participants',
        label: tr('programme.form.participants'),
        multiline: true,
        maxLength: 2000,
        required: true,
        placeholder: tr('programme.form.participantsPlaceholder'),
        ...(options.participants ? { initial: options.participants } : {}),
      },
      {
        type: 'date',
        name: 'start',
        label: tr('programme.form.start'),
        required: false,
        ...(options.start ? { initial: options.start } : {}),
      },
    ],
    ...(options.errors && Object.keys(options.errors).length > 0 ? { errors: options.errors } : {}),
  }
}

function startFormCard(locale: Locale, choices: readonly { code: string; name: Bilingual }[], options: StartFormOptions): Card {
  const form = startForm(locale, choices, options)
  return makeCard(locale, { title: form.title, tone: 'info' }, [
    { type: 'context', text: translator(locale)('programme.form.hint') },
    { type: 'form', form },
  ])
}

/** The answer to "启动后备干部培养": the form for HR, with the template and people the message named; the refusal for anyone else. */
export async function startProgrammeAnswer(
  deps: ProgrammeDeps,
  actor: Actor,
  request: { text?: string; subjectIds?: readonly number[] },
): Promise<Card> {
  const tr = translator(actor.locale)
  if (!isHr(actor.employee)) return makeCard(actor.locale, undefined, [{ type: 'text', text: tr('programme.refused') }])
  const choices = await templates(deps)
  const text = (request.text ?? '').toLowerCase()
  const named =
    choices.find((t) => text.includes(t.code) || text.includes(t.name.zh) || text.includes(t.name.en.toLowerCase())) ??
    (choices.length === 1 ? choices[0] : undefined)
  const people = []
  for (const id of request.subjectIds ?? []) {
    const e = await deps.store.employees.byId(id)
    if (e) people.push(e.email)
  }
  return startFormCard(actor.locale, choices, {
    ...(named ? { template: named.code } : {}),
    ...(people.length > 0 ? { participants: people.join('\n') } : {}),
  })
}

/** open_form / submit_form with the value "programme:start"; null for any other action. */
export async function handleStartProgrammeForm(deps: ProgrammeDeps, actor: Actor, action: InboundAction): Promise<ActionReply | null> {
  if (action.value !== START_FORM_KEY || (action.actionId !== 'open_form' && action.actionId !== 'submit_form')) return null
  const tr = translator(actor.locale)
  const locale = actor.locale
  if (!isHr(actor.employee)) return { kind: 'notify', notice: { tone: 'error', text: tr('programme.refused') } }
  const choices = await templates(deps)
  if (action.actionId === 'open_form')
    return { kind: 'form', form: startForm(locale, choices, {}), card: startFormCard(locale, choices, {}) }
  const values = action.values ?? {}
  const kept: StartFormOptions = {
    ...(values.template ? { template: values.template } : {}),
    ...(values.participants ? { participants: values.participants } : {}),
    ...(values.start ? { start: values.start } : {}),
  }
  const invalid = (errors: Record<string, string>): ActionReply => ({
    kind: 'form_errors',
    form: startForm(locale, choices, { ...kept, errors }),
    card: startFormCard(locale, choices, { ...kept, errors }),
    errors,
    values,
    notice: { tone: 'error', text: Object.values(errors)[0] ?? tr('action.invalid') },
  })
  const template = choices.find((t) => t.code === values.template?.trim())
  const emails = (values.participants ?? '').split(/[\s,;，；、]+/).filter(Boolean)
  const date = values.start?.trim() ? DATE_ONLY.exec(values.start.trim()) : null
  const errors: Record<string, string> = {}
  if (!template) errors.template = tr('programme.form.required')
  if (emails.length === 0) errors.participants = tr('programme.form.required')
  if (values.start?.trim() && !date) errors.start = tr('programme.form.badDate')
  if (!template || Object.keys(errors).length > 0) return invalid(errors)
  // A start date means 09:00 that day where HR is, as on the CLI.
  const startAt = date ? zonedTime(Number(date[1]), Number(date[2]), Number(date[3]), 9, 0, actor.employee.timeZone) : undefined
  const result = await startProgramme(deps, actor, { template, participantEmails: emails, ...(startAt ? { startAt } : {}) })
  const card = programmeStartedCard(result, locale)
  if (result.kind === 'unknown_people' || result.kind === 'no_participants') return invalid({ participants: card.fallback })
  if (result.kind !== 'started') return { kind: 'notify', notice: { tone: 'error', text: card.fallback } }
  return { kind: 'replace', card, notice: { tone: 'success', text: card.header?.title ?? card.fallback }, isPersonal: true }
}
