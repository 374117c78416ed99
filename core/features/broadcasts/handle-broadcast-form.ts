// HR's broadcast form from chat: "/ladder broadcast" (or a button) opens it,
// submitting it announces the course. Field problems come back in the form; a
// channel Ladder cannot read is a field problem too, never a crash.

import { makeCard } from '../../kernel/cards/build.js'
import type { Card } from '../../kernel/cards/card.js'
import type { Actor } from '../../kernel/context.js'
import { isHr } from '../../kernel/context.js'
import { translator } from '../../kernel/i18n/index.js'
import type { ActionReply, Conversation, FieldOption, InboundAction, Sender } from '../../kernel/inbound.js'
import type { ChatPlatform } from '../../kernel/messaging.js'
import { endOfDay } from '../../kernel/window-dates.js'
import { broadcastCourse } from './broadcast.js'
import {
  BROADCAST_FORM_KEY,
  type BroadcastFormOptions,
  broadcastForm,
  broadcastFormCard,
  broadcastResultCard,
  courseOption,
} from './broadcast-card.js'
import { broadcastToDepartment, DEPARTMENT_REF, type DepartmentBroadcastResult } from './broadcast-department.js'
import type { BroadcastDeps } from './ports.js'

/** Slack shows at most 100 options from a search. */
const MAX_SUGGESTIONS = 100
const CHANNEL_REF = /^(slack|feishu):([^:\s]+):([^:\s]+)$/
const CHANNEL_ID = /^[A-Za-z0-9_-]{1,100}$/

export interface ChannelRef {
  platform: ChatPlatform
  tenant: string
  channelId: string
}

/**
 * Where to announce: "slack:T0123:C0456" names it fully (the console, which has
 * no channels of its own); a bare id is a channel of the platform the form came from.
 */
export function channelRef(text: string, sender: Sender): ChannelRef | null {
  const value = text.trim()
  const full = CHANNEL_REF.exec(value)
  if (full) return { platform: full[1] as ChatPlatform, tenant: full[2]!, channelId: full[3]! }
  if (!CHANNEL_ID.test(value) || (sender.platform !== 'slack' && sender.platform !== 'feishu')) return null
  return { platform: sender.platform, tenant: sender.tenant, channelId: value }
}

/** A group conversation is the natural default channel; a direct chat is not a channel to announce in. */
const groupOf = (conversation: Conversation | undefined): string | undefined =>
  conversation?.isDirect === false ? conversation.id : undefined

/**
 * The groups Ladder is in, on a platform that can list them and has no picker
 * of its own (Feishu). Not listed (Slack, an API error): none, and the form copes.
 */
async function channelChoices(deps: BroadcastDeps, sender: Sender | undefined): Promise<{ channels?: { id: string; name: string }[] }> {
  const messenger = sender && deps.messengers.get(sender.platform)
  if (!sender || !messenger?.channels) return {}
  try {
    return { channels: await messenger.channels(sender.tenant) }
  } catch (error) {
    deps.log.warn({ err: error, platform: sender.platform }, 'broadcast: the groups Ladder is in could not be listed')
    return {}
  }
}

/** The answer to "/ladder broadcast": the form for HR, a polite refusal for anyone else. */
export async function broadcastFormAnswer(
  deps: BroadcastDeps,
  actor: Actor,
  request: { courseCode?: string; conversation?: Conversation; sender?: Sender },
): Promise<Card> {
  if (!isHr(actor.employee))
    return makeCard(actor.locale, undefined, [{ type: 'text', text: translator(actor.locale)('broadcast.refused') }])
  const { courses } = await deps.store.catalog.load(deps.clock.now())
  const channelId = groupOf(request.conversation)
  return broadcastFormCard(actor.locale, courses, {
    ...(request.courseCode ? { courseCode: request.courseCode } : {}),
    ...(channelId ? { channelId } : {}),
    ...(await channelChoices(deps, request.sender)),
  })
}

/** open_form / submit_form with the value "broadcast"; null for any other action. */
export async function handleBroadcastForm(deps: BroadcastDeps, actor: Actor, action: InboundAction): Promise<ActionReply | null> {
  if (action.value !== BROADCAST_FORM_KEY || (action.actionId !== 'open_form' && action.actionId !== 'submit_form')) return null
  const tr = translator(actor.locale)
  if (!isHr(actor.employee)) return { kind: 'notify', notice: { tone: 'error', text: tr('broadcast.refused') } }
  const { courses } = await deps.store.catalog.load(deps.clock.now())
  const locale = actor.locale
  const channelId = groupOf(action.conversation)
  if (action.actionId === 'open_form') {
    const options = { ...(channelId ? { channelId } : {}), ...(await channelChoices(deps, action.sender)) }
    return { kind: 'form', form: broadcastForm(locale, courses, options), card: broadcastFormCard(locale, courses, options) }
  }

  const values = action.values ?? {}
  // The chat the form was offered in stays offered; anything typed is kept by the platform's own form state.
  const offered = values.channel?.trim() === action.conversation?.id ? action.conversation?.id : channelId
  const kept: BroadcastFormOptions = {
    ...(values.course ? { courseCode: values.course } : {}),
    ...(values.due ? { due: values.due } : {}),
    ...(offered ? { channelId: offered } : {}),
  }
  // The groups are listed again only when the form has to be shown again.
  const invalid = async (errors: Record<string, string>): Promise<ActionReply> => {
    const options = { ...kept, ...(await channelChoices(deps, action.sender)), errors }
    return {
      kind: 'form_errors',
      form: broadcastForm(locale, courses, options),
      card: broadcastFormCard(locale, courses, options),
      errors,
      values,
      notice: { tone: 'error', text: Object.values(errors)[0] ?? tr('action.invalid') },
    }
  }

  // A department instead of a channel ("department:RND"): no chat channel needed.
  const department = DEPARTMENT_REF.exec(values.channel?.trim() ?? '')?.[1]
  const errors: Record<string, string> = {}
  const course = values.course?.trim() ?? ''
  const ref = !department && values.channel ? channelRef(values.channel, action.sender) : null
  const dueAt = values.due ? endOfDay(values.due, actor.employee.timeZone) : null
  if (!course) errors.course = tr('broadcast.form.required')
  if (!values.channel?.trim()) errors.channel = tr('broadcast.form.required')
  else if (!department && !ref) errors.channel = tr('broadcast.form.channelInvalid')
  if (!values.due?.trim()) errors.due = tr('broadcast.form.required')
  else if (!dueAt) errors.due = tr('broadcast.form.badDate')
  if ((!department && !ref) || !dueAt || Object.keys(errors).length > 0) return invalid(errors)

  let result: DepartmentBroadcastResult
  if (department) {
    const platform = action.sender.platform === 'cli' ? 'web' : action.sender.platform
    result = await broadcastToDepartment(deps, actor, {
      platform,
      tenant: action.sender.tenant,
      departmentCode: department,
      courseCode: course,
      dueAt,
    })
  } else {
    try {
      result = await broadcastCourse(deps, actor, { ...ref!, courseCode: course, dueAt })
    } catch (error) {
      // The platform refused the member list (not in the channel, no scope, unknown id).
      deps.log.warn({ err: error, platform: ref!.platform, channel: ref!.channelId }, 'broadcast: channel members unreadable')
      return invalid({ channel: tr('broadcast.form.channelUnreadable') })
    }
  }
  switch (result.kind) {
    case 'refused':
      return { kind: 'notify', notice: { tone: 'error', text: tr('broadcast.refused') } }
    case 'unknown_course':
      return invalid({ course: tr('broadcast.unknownCourse', { code: result.code }) })
    case 'unknown_department':
      return invalid({ channel: tr('broadcast.unknownDepartment', { code: result.code }) })
    case 'due_in_past':
      return invalid({ due: tr('broadcast.dueInPast') })
    case 'no_members_api':
      return invalid({ channel: tr('broadcast.noMembersApi', { platform: result.platform }) })
    case 'already':
    case 'broadcast': {
      const card = broadcastResultCard(result, locale)
      return {
        kind: 'replace',
        card,
        notice: { tone: result.kind === 'broadcast' ? 'success' : 'info', text: card.header?.title ?? card.fallback },
        isPersonal: true,
      }
    }
  }
}

/**
 * The broadcast form's course search, as HR types (Slack's external_select): courses
 * whose code or title in either language holds the text, codes starting with it first.
 * Null for any other form or field; nothing for anyone but HR.
 */
export async function broadcastFieldOptions(
  deps: BroadcastDeps,
  actor: Actor,
  request: { formKey: string; field: string; query: string },
): Promise<FieldOption[] | null> {
  if (request.formKey !== BROADCAST_FORM_KEY || request.field !== 'course') return null
  if (!isHr(actor.employee)) return []
  const { courses } = await deps.store.catalog.load(deps.clock.now())
  const query = request.query.trim().toLowerCase()
  const ranked = courses.flatMap((course) => {
    const code = course.code.toLowerCase()
    const rank = code.startsWith(query)
      ? 0
      : code.includes(query)
        ? 1
        : [course.title.zh, course.title.en].some((title) => title.toLowerCase().includes(query))
          ? 2
          : -1
    return rank < 0 ? [] : [{ course, rank }]
  })
  ranked.sort((a, b) => a.rank - b.rank || a.course.code.localeCompare(b.course.code))
  return ranked.slice(0, MAX_SUGGESTIONS).map(({ course }) => courseOption(course, actor.locale))
}
