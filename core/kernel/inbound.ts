// The contract between the platform adapters and the core. Adapters verify,
// parse and dedupe-key an event, turn it into one of these neutral values, call
// the core, and render what comes back.
import type { ActionId, Card, Form } from './cards/card.js'
import type { IntentName } from './routing/intent-names.js'
import type { Locale } from './domain/types.js'

export const PLATFORMS = ['slack', 'feishu', 'web', 'cli'] as const
export type Platform = (typeof PLATFORMS)[number]

/** Who is talking, as the platform knows them. */
export interface Sender {
  platform: Platform
  /** Slack team id, Feishu tenant key; "local" for the web console and CLI. */
  tenant: string
  /** Slack user id, Feishu open_id, or an employee email for the CLI. */
  userId: string
  /**
   * Resolves the sender's email through the platform (Slack users.info, Feishu
   * contact API) the first time an unknown user writes; null when unknown.
   */
  lookupEmail?: () => Promise<string | null>
}

/** The conversation a message or click came from, when the platform says. */
export interface Conversation {
  /** Slack channel id, Feishu chat_id. */
  id: string
  /** A one-to-one chat with Ladder (Slack IM, Feishu p2p); undefined when the platform does not say (Feishu card callbacks). */
  isDirect?: boolean
}

export interface InboundMessage {
  sender: Sender
  conversation?: Conversation
  /** Platform event id; a redelivered id is answered once. */
  eventId?: string
  text: string
  /** Hint when the sender is unknown to us, e.g. from the platform's user locale. */
  localeHint?: Locale
  /** Platform user ids @mentioned in the text, the bot's own left out ("how is @Li Lei doing?"). */
  mentions?: string[]
}

export interface InboundAction {
  sender: Sender
  conversation?: Conversation
  eventId?: string
  actionId: ActionId
  value: string
  /** Form values by field name, for submit_form. */
  values?: Record<string, string>
}

export interface Reply {
  intent: IntentName
  card: Card
  /** The form the card holds, when the answer is one (a Slack slash command opens it as a modal at once). */
  form?: Form
  /** False when the sender is not linked to any employee (the card says to contact HR). */
  isLinked: boolean
  /**
   * The card shows someone's data (a gap, tasks, a team): asked in a group, it
   * goes to the asker alone (Slack ephemeral, Feishu direct message).
   */
  isPersonal: boolean
}

export interface ActionReply {
  /** Replacement for the card the action was clicked on. */
  card?: Card
  /** A short notice (Feishu toast, Slack ephemeral, console banner). */
  toast?: { tone: 'success' | 'info' | 'error'; text: string }
  /** A form to open (Slack modal, Feishu form card, console inline form). */
  form?: Form
  /** A form submission was refused: errors by field name, shown in the form. */
  formErrors?: Record<string, string>
  /** An additional message to send to the user. */
  followUp?: Card
}

/** What adapters call. Returns null for an event id already handled (a platform retry). */
export interface CoreApi {
  handleMessage(message: InboundMessage): Promise<Reply | null>
  handleAction(action: InboundAction): Promise<ActionReply | null>
  /** The personal dashboard (Slack App Home, console side panel). */
  home(sender: Sender): Promise<Card>
}
