// Schemas for what Slack sends, and their translation into plain values. Slack
// signs whatever it sends, but a signed payload can still be malformed (a
// client bug, an API change, a forged request from an app with our secret):
// the receiver checks the envelope before Bolt sees it (400, never a 500), and
// each listener reads only the fields its schema guarantees.
import { z } from 'zod'
import type { VerifyResult } from '../../core/kernel/chat-adapter.js'

const ZId = z.string().min(1)

/** A message or app_mention event (docs.slack.dev/reference/events/message.im, app_mention). */
export const ZMessageEvent = z.object({
  type: z.string(),
  subtype: z.string().optional(),
  channel: ZId,
  channel_type: z.string().optional(),
  user: z.string().optional(),
  bot_id: z.string().optional(),
  text: z.string().optional(),
  ts: ZId,
  thread_ts: z.string().optional(),
})
export type MessageEvent = z.infer<typeof ZMessageEvent>

const notNull = z.unknown().refine((v) => v !== null, { message: 'null' })

/**
 * The Events API envelope, with every field Bolt reads before any listener
 * (authorizations[0], the event's channel, item, user and subteam): a wrong type
 * there would throw inside Bolt, after the intake already acknowledged it.
 */
const ZEventCallback = z.object({
  type: z.literal('event_callback'),
  team_id: ZId,
  event_id: ZId,
  enterprise_id: z.string().nullish(),
  authorizations: z
    .array(
      z.looseObject({ team_id: z.string().nullish(), enterprise_id: z.string().nullish(), is_enterprise_install: z.boolean().optional() }),
    )
    .optional(),
  event: z.looseObject({
    type: ZId,
    // Bolt reads channel.id / user.id when they are objects (typeof null is 'object'):
    // null is refused; a wrong type is left to the listener's own schema.
    channel: notNull.optional(),
    user: notNull.optional(),
    item: z.looseObject({}).optional(),
    subteam: z.looseObject({}).optional(),
  }),
})

export const ZAppHomeOpened = z.object({ type: z.literal('app_home_opened'), user: ZId, tab: z.string().optional() })

const ZUser = z.object({ id: ZId, team_id: z.string().optional() })
const ZTeam = z.object({ id: ZId, enterprise_id: z.string().nullish() }).nullish()

/** What Bolt reads of every interaction before a listener runs (App.buildSource, getTypeAndConversation). */
const ZInteraction = z.looseObject({
  type: ZId,
  team: ZTeam,
  user: ZUser,
  enterprise: z.looseObject({ id: z.string().optional() }).nullish(),
  channel: z.looseObject({ id: z.string().optional() }).optional(),
  is_enterprise_install: z.boolean().optional(),
  view: z.looseObject({ app_installed_team_id: z.string().nullish() }).nullish(),
})

/** A button click (interactivity payload, type block_actions). */
export const ZBlockActions = z.object({
  type: z.literal('block_actions'),
  team: ZTeam,
  user: ZUser,
  trigger_id: ZId,
  container: z.object({ type: z.string(), channel_id: z.string(), message_ts: z.string(), is_ephemeral: z.boolean() }).partial().optional(),
  view: z.object({ type: z.string() }).partial().nullish(),
  // respond() posts to it: anything but an https URL is not Slack's.
  response_url: z.url({ protocol: /^https?$/ }).optional(),
  actions: z.array(z.object({ action_id: ZId, value: z.string().optional(), action_ts: ZId })).min(1),
})
export type BlockActions = z.infer<typeof ZBlockActions>

const ZViewStateValue = z
  .object({
    type: z.string(),
    value: z.string().nullable(),
    selected_option: z.object({ value: z.string() }).partial().nullable(),
    selected_date: z.string().nullable(),
    selected_conversation: z.string().nullable(),
  })
  .partial()

/** A modal submission (type view_submission). */
export const ZViewSubmission = z.object({
  type: z.literal('view_submission'),
  team: ZTeam,
  user: ZUser,
  trigger_id: z.string().optional(),
  view: z.object({
    id: ZId,
    callback_id: z.string(),
    hash: z.string().optional(),
    private_metadata: z.string().optional(),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), ZViewStateValue)) }),
    blocks: z.array(z.looseObject({ type: z.string(), block_id: z.string().optional() })).default([]),
  }),
})

/** Typing into an external_select (type block_suggestion): the options load request. */
export const ZBlockSuggestion = z.object({
  type: z.literal('block_suggestion'),
  team: ZTeam,
  user: ZUser,
  action_id: ZId,
  block_id: ZId,
  value: z.string().default(''),
  view: z.object({ private_metadata: z.string().optional() }).optional(),
})

/** A slash command (form fields). */
export const ZSlashCommand = z.object({
  command: ZId,
  team_id: ZId,
  user_id: ZId,
  channel_id: ZId,
  trigger_id: ZId,
  text: z.string().default(''),
  response_url: z.url({ protocol: /^https?$/ }),
})

const issue = (error: z.ZodError): string => {
  const first = error.issues[0]
  return first ? `${first.path.join('.') || '(body)'}: ${first.message}` : 'invalid'
}

/**
 * Whether a verified body has the shape its type promises, before Bolt routes it
 * (Bolt reads body.event.type, body.user.id… without checks and would fail with
 * a 500). Types Ladder does not handle pass: Bolt answers them.
 */
export function checkSlackBody(body: Record<string, unknown>): VerifyResult {
  const schemas = schemasFor(body)
  if (schemas.length === 0)
    return typeof body.type === 'string' && body.type !== '' ? { ok: true } : { ok: false, reason: 'type: not a string' }
  for (const schema of schemas) {
    const parsed = schema.safeParse(body)
    if (!parsed.success) return { ok: false, reason: `${typeof body.type === 'string' ? body.type : 'command'} ${issue(parsed.error)}` }
  }
  return { ok: true }
}

/**
 * The schemas a body must pass. Bolt tells a body's kind by which keys it has
 * (event, command, name, actions) before it looks at `type`, so the check
 * does the same: a block_actions body with an `event` key is read as an event.
 */
function schemasFor(body: Record<string, unknown>): z.ZodType[] {
  if (body.event !== undefined) return [ZEventCallback]
  if (body.command !== undefined) return [ZSlashCommand]
  const byType: Partial<Record<string, z.ZodType>> = {
    event_callback: ZEventCallback,
    block_actions: ZBlockActions,
    view_submission: ZViewSubmission,
    block_suggestion: ZBlockSuggestion,
  }
  const own = typeof body.type === 'string' ? byType[body.type] : undefined
  const isInteraction =
    body.name !== undefined ||
    body.actions !== undefined ||
    ['block_suggestion', 'dialog_submission', 'shortcut', 'message_action', 'view_submission', 'view_closed'].includes(String(body.type))
  return [...(isInteraction ? [ZInteraction] : []), ...(own ? [own] : [])]
}

// Slack's mrkdwn in received text: mentions, links and escapes. The core reads
// plain text; mentions travel separately (InboundMessage.mentions).
const USER_MENTION = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g
/** <@U123>, <@U123|tom>, <!here>, <!subteam^S1|@team>, <#C123|general>. */
const ANY_MENTION = /<[@!#][^>]*>/g
/** <http://x|label> → label; a bare <http://x> goes. */
const LABELLED_LINK = /<(?:https?|mailto):[^|>]*\|([^>]*)>/g
const BARE_LINK = /<(?:https?|mailto):[^>]*>/g
/** Slack sends emoji as :shortcodes: in message text. */
const EMOJI_SHORTCODE = /:[a-z0-9_+-]+:/g
const ESCAPES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' }
const ESCAPE = /&(?:amp|lt|gt);/g

/**
 * Slack text → the plain text the core reads. Escapes are decoded after the
 * mentions are gone, so a typed "&lt;@U1&gt;" stays text.
 */
export function slackPlainText(text: string): string {
  return text
    .replace(LABELLED_LINK, ' $1 ')
    .replace(BARE_LINK, ' ')
    .replace(ANY_MENTION, ' ')
    .replace(EMOJI_SHORTCODE, ' ')
    .replace(ESCAPE, (entity) => ESCAPES[entity] ?? entity)
    .replace(/\s+/g, ' ')
    .trim()
}

/** Users @mentioned in a message (`<@U123>`, `<@W123|name>`), our bot left out. */
export function mentionedUsers(text: string, botUserId: string): string[] {
  const ids = [...text.matchAll(USER_MENTION)].map((m) => m[1]!)
  return [...new Set(ids)].filter((id) => id !== botUserId)
}
