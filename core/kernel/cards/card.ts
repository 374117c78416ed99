// The neutral card: every message Ladder sends is one of these first, and each
// adapter (Slack Block Kit, Feishu card 2.0, web console HTML) renders it.
// Plain serialisable objects only, so a card can sit in the outbox as JSON.
import type { Locale } from '../domain/types.js'

export type Tone = 'info' | 'success' | 'warning' | 'danger'

/** Neutral action ids: what a button or form means, whatever platform it came from. */
export const ACTION_IDS = [
  'enrol', // value: course code
  'training_done', // value: assignment id
  'evaluation_done', // value: evaluation task id (tasks without a form, e.g. reflection)
  'snooze', // value: "<kind>:<id>:<1d|nwd>", kind training | evaluation
  'open_form', // value: form key, e.g. "evaluation:12"
  'submit_form', // value: form key; values in the action's `values`
  'ask', // value: a question to ask on the user's behalf, e.g. "promotion gap"
  'quiz', // value: assignment id — opens the course's quiz (form key "quiz:<assignment id>")
  'confirm_training', // value: "<assignment id>:yes" | "<assignment id>:no" — a manager or HR verifies a reported training
  'assign', // value: "<course code>@<employee id>": a manager or HR assigns the course to that person
  'erase_person', // value: employee id — HR confirms erasing that person's personal data
] as const
export type ActionId = (typeof ACTION_IDS)[number]

export interface ActionRef {
  id: ActionId
  value: string
  /** The language of the card the button is on: what it answers in (set by makeCard). */
  locale?: Locale
}

export interface Button {
  label: string
  action: ActionRef
  style?: 'primary' | 'danger' | 'default'
  /** A link button opens this URL instead of calling back. */
  url?: string
}

export interface ProgressRow {
  label: string
  /** 0–100 */
  value: number
  /** 0–100, drawn as a marker or "value / target" */
  target?: number
  note?: string
}

export type FormField =
  | {
      type: 'rating'
      name: string
      label: string
      min: number
      max: number
      /** One label per point, min first, e.g. behavioural anchors. */
      anchors?: string[]
      required: boolean
      initial?: number
    }
  | {
      type: 'select'
      name: string
      label: string
      options: { label: string; value: string }[]
      required: boolean
      initial?: string
      /**
       * There are more choices than `options` holds: a platform that can search as the
       * user types (Slack's external_select) asks the core (CoreApi.suggestOptions) instead.
       */
      searchable?: boolean
    }
  | {
      type: 'text'
      name: string
      label: string
      multiline: boolean
      maxLength: number
      required: boolean
      placeholder?: string
      initial?: string
    }
  | { type: 'date'; name: string; label: string; required: boolean; initial?: string }
  | {
      /**
       * A conversation to post in. Slack shows its own conversation picker; a
       * platform without one (Feishu) offers `options` (the groups Ladder is in,
       * the one the form was asked for in first), else a text input for an id.
       */
      type: 'channel'
      name: string
      label: string
      required: boolean
      /** The platform's conversation id. */
      initial?: string
      options?: { label: string; value: string }[]
      placeholder?: string
    }

export interface Form {
  /** Form key carried back with the submission, e.g. "evaluation:12". */
  key: string
  title: string
  /** One line above the fields (a rating form's scale), shown by every platform. */
  intro?: string
  submitLabel: string
  fields: FormField[]
  /** Errors from a previous submission, by field name. */
  errors?: Record<string, string>
  /** The language the form is in: its submission is answered in it (set by makeCard). */
  locale?: Locale
}

export type Block =
  | { type: 'text'; text: string }
  | { type: 'fields'; fields: { label: string; value: string }[] }
  | { type: 'progress'; rows: ProgressRow[] }
  | { type: 'table'; columns: string[]; rows: string[][] }
  | { type: 'actions'; buttons: Button[] }
  | { type: 'form'; form: Form }
  | { type: 'context'; text: string }
  | { type: 'divider' }

export interface Card {
  locale: Locale
  /** Plain-text rendering of the whole card: notifications, logs, platforms that cannot show the card. */
  fallback: string
  header?: { title: string; subtitle?: string; tone?: Tone }
  blocks: Block[]
  /** The same card in the other language, for audiences of mixed locales (Feishu i18n). */
  alternate?: Card
}

/** Text markup inside `text` blocks: `**bold**`, line breaks, and `- ` bullets. Nothing else. */
export const bold = (s: string): string => `**${s}**`
