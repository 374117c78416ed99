// What a modal must remember between views.open and view_submission: the form
// key and where the button was, to update that message afterwards. It travels
// in the view's private_metadata (≤ 3000 characters), which Slack returns as is.
import { LOCALES, type Locale } from '../../core/kernel/domain/types.js'
import { SLACK_LIMITS } from './limits.js'

export interface FormOrigin {
  /** Neutral form key, e.g. "evaluation:12". */
  formKey: string
  /** The message the form was opened from (not for ephemeral messages, which chat.update cannot reach). */
  channelId?: string
  messageTs?: string
  /** Opened from the App Home tab: republish it after the submission. */
  isHome?: boolean
  /** The form's language: the submission is answered in it. */
  locale?: Locale
}

export function encodeFormOrigin(origin: FormOrigin): string {
  const json = JSON.stringify({
    k: origin.formKey,
    c: origin.channelId,
    t: origin.messageTs,
    h: origin.isHome ? 1 : undefined,
    l: origin.locale,
  })
  // The key alone is what a submission needs; the origin is a nicety.
  return json.length <= SLACK_LIMITS.privateMetadata ? json : JSON.stringify({ k: origin.formKey, l: origin.locale })
}

export function decodeFormOrigin(metadata: string | undefined): FormOrigin | null {
  if (!metadata) return null
  let parsed: unknown
  try {
    parsed = JSON.parse(metadata)
  } catch {
    return null
  }
  if (typeof parsed !== 'object' || parsed === null) return null
  const { k, c, t, h, l } = parsed as Record<string, unknown>
  if (typeof k !== 'string' || k === '') return null
  return {
    formKey: k,
    ...(typeof c === 'string' && typeof t === 'string' ? { channelId: c, messageTs: t } : {}),
    ...(h === 1 ? { isHome: true } : {}),
    ...(LOCALES.includes(l as Locale) ? { locale: l as Locale } : {}),
  }
}
