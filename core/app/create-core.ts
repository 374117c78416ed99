// The core as adapters see it: dedupe → identify → route → use case → card.

import { randomBytes } from 'node:crypto'
import { broadcastFieldOptions } from '../features/broadcasts/index.js'
import { promotionGap } from '../features/gap/index.js'
import { welcomeOnLink } from '../features/onboarding/index.js'
import { myTasks } from '../features/tasks/index.js'
import { makeCard, withLanguage } from '../kernel/cards/build.js'
import type { Card, Form } from '../kernel/cards/card.js'
import { type Actor, isManager } from '../kernel/context.js'
import { escapeRegExp } from '../kernel/domain/escape-reg-exp.js'
import { hasCjk } from '../kernel/domain/has-cjk.js'
import type { Employee, Locale } from '../kernel/domain/types.js'
import { t } from '../kernel/i18n/index.js'
import { identify } from '../kernel/identify.js'
import type { ActionReply, CoreApi, FieldOption, InboundAction, InboundMessage, OptionsRequest, Reply, Sender } from '../kernel/inbound.js'
import type { IntentRequest } from '../kernel/intent-spec.js'
import { givenNameMentions, peopleNamedIn } from '../kernel/routing/find-person.js'
import { clarifyCard } from './clarify-card.js'
import { handleAction } from './handle-action.js'
import { homeCard } from './home-card.js'
import { answer, INTENTS, routeIntent } from './intents.js'
import { answerWithLlm } from './llm/answer-with-llm.js'
import { placeReply } from './place-reply.js'
import { type LadderDeps, type LadderDepsOptions, ladderDeps } from './store.js'

const LATIN_WORD = /[a-z]{2,}/gi
/** Command form ("gap RD3", "/ladder tasks") says nothing about the language the person prefers. */
const COMMAND_FORM = new RegExp(
  `^\\/?(ladder\\s+)?(${INTENTS.flatMap((i) => i.command?.words ?? [])
    .map(escapeRegExp)
    .join('|')})\\b`,
  'i',
)

/** The language to answer in: the message's own when it has one, else the person's locale. */
function replyLocale(text: string, fallback: Locale): Locale {
  if (hasCjk(text)) return 'zh-CN'
  const trimmed = text.trim()
  if (COMMAND_FORM.test(trimmed) && trimmed.split(/\s+/).length <= 4) return fallback
  return (trimmed.match(LATIN_WORD)?.length ?? 0) >= 2 ? 'en' : fallback
}

/**
 * The same deps with the catalogue loaded at most once for this request: routing,
 * the use case and a refreshed card all read it, and it does not change mid-request.
 */
function forOneRequest(deps: LadderDeps): LadderDeps {
  let catalog: ReturnType<LadderDeps['store']['catalog']['load']> | undefined
  const store = { ...deps.store, catalog: { ...deps.store.catalog, load: (at: Date) => (catalog ??= deps.store.catalog.load(at)) } }
  return { ...deps, store }
}

/** Answers that show nobody's data: fine for a whole group to read. */
const SHARED_INTENTS: ReadonlySet<string> = new Set(INTENTS.filter((i) => i.isShared).map((i) => i.name))

/** Questions that can be about another person; the rest are about the asker or not personal. */
const PERSON_INTENTS: ReadonlySet<string> = new Set(INTENTS.filter((i) => i.canBeAboutSomeoneElse).map((i) => i.name))
/** No employee has this id: the use case answers it exactly as a person the asker may not see. */
const UNKNOWN_PERSON = 0

/**
 * The other people a question names, first mention first: linked @mentions,
 * then names or emails in the text. A mention of someone Ladder cannot place is
 * never read as the asker: it counts as a person the asker may not see.
 */
async function subjectsOf(deps: LadderDeps, message: InboundMessage, actor: Actor): Promise<number[]> {
  const ids: number[] = []
  let isUnplaced = false
  for (const id of message.mentions ?? []) {
    const mentioned = await deps.store.employees.byIdentity(message.sender.platform, message.sender.tenant, id)
    if (!mentioned) isUnplaced = true
    else if (mentioned.id !== actor.employee.id && !ids.includes(mentioned.id)) ids.push(mentioned.id)
  }
  for (const named of peopleNamedIn(message.text, await deps.store.employees.namedIn(message.text), actor.employee.id)) {
    if (!ids.includes(named.employee.id)) ids.push(named.employee.id)
  }
  // No full name: a manager may name one of their people by given name alone ("recommend a course for Alex").
  if (ids.length === 0 && !isUnplaced && isManager(actor.employee)) {
    const mentions = givenNameMentions(message.text, await deps.store.employees.reportsOf(actor.employee.id), actor.employee.id)
    if (new Set(mentions.map((m) => m.employee.id)).size === 1) ids.push(mentions[0]!.employee.id)
  }
  if (isUnplaced) ids.push(UNKNOWN_PERSON)
  return ids
}

/** Intents that hand over to another when the question names someone else ("报名 RD-102 李雷" → assign_training). */
const HANDOVER: ReadonlyMap<string, string> = new Map(
  INTENTS.flatMap((i) => (i.whenAboutSomeoneElse ? [[i.name, i.whenAboutSomeoneElse] as const] : [])),
)

/** The reply's cards and form, remembering their language (see withLanguage). */
function inLanguage(reply: ActionReply, locale: Locale): ActionReply {
  const stamped = { ...reply } as ActionReply & { card?: Card; form?: Form }
  if (stamped.card) stamped.card = withLanguage(stamped.card)
  if (stamped.form) stamped.form = { ...stamped.form, locale: stamped.form.locale ?? locale }
  return stamped
}

export function createCore(options: LadderDepsOptions): CoreApi {
  const base = ladderDeps(options)
  async function isDuplicate(sender: Sender, eventId: string | undefined): Promise<boolean> {
    return eventId !== undefined && !(await base.store.events.markProcessed(sender.platform, eventId))
  }

  /** Unexpected failures are logged with a reference the user can quote; they never crash the caller. */
  function failure(error: unknown, locale: Locale, context: object): Card {
    const ref = randomBytes(4).toString('hex')
    base.log.error({ err: error, ref, ...context }, 'request failed')
    return makeCard(locale, undefined, [{ type: 'text', text: t(locale, 'common.error', { code: ref }) }])
  }

  /** A person who just linked a chat account gets their onboarding welcome if it waited for one; never fails the question. */
  async function onLinked(employee: Employee): Promise<void> {
    try {
      await welcomeOnLink(base, employee)
    } catch (error) {
      base.log.error({ err: error, employeeId: employee.id }, 'onboarding welcome on link failed')
    }
  }

  return {
    async handleMessage(message: InboundMessage): Promise<Reply | null> {
      const deps = forOneRequest(base)
      const { sender, text } = message
      let locale: Locale = message.localeHint ?? replyLocale(text, 'zh-CN')
      let intent = 'unknown'
      try {
        if (await isDuplicate(sender, message.eventId)) return null
        const employee = await identify(deps, sender, onLinked)
        if (!employee) {
          return {
            intent,
            isLinked: false,
            isPersonal: false,
            card: makeCard(locale, undefined, [{ type: 'text', text: t(locale, 'common.notLinked') }]),
          }
        }
        locale = replyLocale(text, employee.locale)
        const actor: Actor = { employee, locale }
        const catalog = await deps.store.catalog.load(deps.clock.now())
        const routed = routeIntent(text, { jobs: catalog.jobs, courses: catalog.courses, dimensions: catalog.dimensions })
        intent = routed.intent
        const subjectIds = PERSON_INTENTS.has(intent) || HANDOVER.has(intent) ? await subjectsOf(deps, message, actor) : []
        // A question that names someone else never acts on the asker: its intent hands over (or refuses).
        if (subjectIds.length > 0 && HANDOVER.has(intent)) intent = HANDOVER.get(intent)!
        const subjectId = PERSON_INTENTS.has(intent) ? subjectIds[0] : undefined
        const request: IntentRequest = {
          ...(subjectId !== undefined ? { subjectId, subjectIds } : {}),
          ...(routed.jobCode ? { jobCode: routed.jobCode } : {}),
          ...(routed.courseCode ? { courseCode: routed.courseCode } : {}),
          ...(routed.dimensionCode ? { dimensionCode: routed.dimensionCode } : {}),
          ...(message.conversation ? { conversation: message.conversation } : {}),
          sender,
          text,
        }
        const answered = routed.alternatives
          ? clarifyCard(routed.alternatives, request, locale)
          : intent === 'unknown' && deps.llm
            ? await answerWithLlm(deps, actor, text, () => answer(deps, actor, intent, request))
            : await answer(deps, actor, intent, request)
        // Asked in the other language: the card's buttons and form keep answering in it.
        const card = answered.locale === employee.locale ? answered : withLanguage(answered)
        const form = card.blocks.find((b) => b.type === 'form')?.form
        // Without a model, an unknown question gets the help card; with one, its answer may show data.
        const isShared = (SHARED_INTENTS.has(intent) && subjectId === undefined) || (intent === 'unknown' && !deps.llm)
        return { intent, isLinked: true, isPersonal: !isShared, card, ...(form ? { form } : {}) }
      } catch (error) {
        return { intent, isLinked: true, isPersonal: false, card: failure(error, locale, { platform: sender.platform, intent }) }
      }
    },

    async handleAction(action: InboundAction): Promise<ActionReply | null> {
      const deps = forOneRequest(base)
      let locale: Locale = 'zh-CN'
      try {
        if (await isDuplicate(action.sender, action.eventId)) return null
        const employee = await identify(deps, action.sender, onLinked)
        if (!employee) return { kind: 'notify', notice: { tone: 'error', text: t(locale, 'common.notLinked') } }
        // The card's language wins over the profile's: a person who asked in English gets English follow-ups.
        locale = action.locale ?? employee.locale
        const reply = placeReply(await handleAction(deps, { employee, locale }, action), action)
        return locale === employee.locale ? reply : inLanguage(reply, locale)
      } catch (error) {
        const card = failure(error, locale, { platform: action.sender.platform, action: action.actionId })
        return { kind: 'notify', notice: { tone: 'error', text: card.fallback } }
      }
    },

    async suggestOptions(request: OptionsRequest): Promise<FieldOption[]> {
      const deps = forOneRequest(base)
      try {
        const employee = await identify(deps, request.sender, onLinked)
        if (!employee) return []
        const actor: Actor = { employee, locale: request.locale ?? employee.locale }
        return (await broadcastFieldOptions(deps, actor, request)) ?? []
      } catch (error) {
        base.log.error({ err: error, platform: request.sender.platform, form: request.formKey }, 'form options failed')
        return []
      }
    },

    async home(sender: Sender): Promise<Card> {
      const deps = forOneRequest(base)
      let locale: Locale = 'zh-CN'
      try {
        const employee: Employee | null = await identify(deps, sender, onLinked)
        if (!employee) return makeCard(locale, undefined, [{ type: 'text', text: t(locale, 'common.notLinked') }])
        locale = employee.locale
        const actor: Actor = { employee, locale }
        const [gap, tasks] = await Promise.all([promotionGap(deps, actor), myTasks(deps, actor)])
        return homeCard(employee, gap, tasks, locale)
      } catch (error) {
        return failure(error, locale, { platform: sender.platform, surface: 'home' })
      }
    },
  }
}
