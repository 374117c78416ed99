// The contract between the platform adapters and the core. Adapters verify,
// parse and dedupe-key an event, turn it into one of these neutral values, call
// the core, and render what comes back.
import type { ActionId, Card, Form } from './cards/card.js'
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

/**
 * Where the clicked button (or submitted form) was, as the adapter reads it from
 * the payload. The core decides from it whether an answer may replace that card.
 * - direct: a one-to-one chat with Ladder (Slack IM, Feishu p2p), or the console;
 * - group: a message everyone in a channel or group sees (Slack channel, Feishu group);
 * - ephemeral: a message only the clicker sees (Slack ephemeral);
 * - home: the clicker's dashboard (Slack App Home);
 * - modal: a form dialog (Slack modal), or anything else with no message to update.
 */
export interface Surface {
  kind: 'direct' | 'group' | 'ephemeral' | 'home' | 'modal'
}

export interface InboundAction {
  sender: Sender
  conversation?: Conversation
  /** Where the button was. */
  surface: Surface
  eventId?: string
  actionId: ActionId
  value: string
  /** The language of the card clicked: the answer is in it, whatever the profile says. */
  locale?: Locale
  /** Form values by field name, for submit_form. */
  values?: Record<string, string>
}

export interface Reply {
  /** The intent's registered name (core/app/intents.ts). */
  intent: string
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

/** A short notice: Feishu toast, Slack ephemeral text, console banner. */
export interface Notice {
  tone: 'success' | 'info' | 'error'
  text: string
}

/**
 * What a click or a form submission produces. Adapters execute it as it is
 * (one `switch`); the core has already decided where it may go (placeReply).
 */
export type ActionReply =
  /**
   * Replace the card the button was on (Slack chat.update or the ephemeral's
   * response_url, Feishu callback card, console in place); the notice beside it.
   * isPersonal: the card shows the clicker's own data. The core never lets such
   * a card replace a shared group card: it becomes a follow_up instead.
   */
  | { kind: 'replace'; card: Card; notice?: Notice; isPersonal: boolean }
  /**
   * Open a form: Slack opens `form` as a modal over the message; Feishu (no
   * modals) replaces the clicked card with `card`, the form as a card; the
   * console adds `card` to the conversation below the clicked one.
   */
  | { kind: 'form'; form: Form; card: Card }
  /**
   * A submission was refused: the form again with `errors` by field name and
   * the `values` the person typed, so nothing is typed twice (Slack keeps its
   * modal open with the errors; Feishu replaces the form card; the console too).
   * `form` and `card` already hold the errors; `notice` says it in a sentence,
   * and stands in for field errors when `errors` is empty.
   */
  | { kind: 'form_errors'; form: Form; card: Card; errors: Record<string, string>; values: Record<string, string>; notice: Notice }
  /** A notice only; the clicked card stays as it was. */
  | { kind: 'notify'; notice: Notice }
  /**
   * A new message to the clicker alone (Slack: ephemeral in a channel, else
   * their DM; Feishu: a direct message; console: appended); the clicked card
   * stays as it was.
   */
  | { kind: 'follow_up'; card: Card; notice?: Notice }

/** What adapters call. Returns null for an event id already handled (a platform retry). */
/** Someone typing into a searchable form field (a select with `searchable`): the options that match. */
export interface OptionsRequest {
  sender: Sender
  /** The form's key and the field's name. */
  formKey: string
  field: string
  /** What was typed so far. */
  query: string
  /** The form's language. */
  locale?: Locale
}

export interface FieldOption {
  label: string
  value: string
}

export interface CoreApi {
  handleMessage(message: InboundMessage): Promise<Reply | null>
  handleAction(action: InboundAction): Promise<ActionReply | null>
  /** The personal dashboard (Slack App Home, console side panel). */
  home(sender: Sender): Promise<Card>
  /** Options for a searchable form field, at most 100 (Slack's external_select); none for a field without a search. */
  suggestOptions?(request: OptionsRequest): Promise<FieldOption[]>
}
