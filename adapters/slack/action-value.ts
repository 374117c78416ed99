// A neutral ActionRef travels inside a Slack button's `value` and comes back in
// block_actions. The value is user-controlled on the way back (anyone can craft
// a payload signed by Slack from their own client), so decoding checks the shape
// and the core still checks permissions.
import { ACTION_IDS, type ActionId, type ActionRef } from '../../core/kernel/cards/card.js'
import { LOCALES, type Locale } from '../../core/kernel/domain/types.js'

/** action_id prefix of every Ladder button; link buttons use LINK_ACTION_PREFIX (they need an ack only). */
export const ACTION_PREFIX = 'ladder:'
export const LINK_ACTION_PREFIX = 'ladder-link:'

export function encodeActionValue(ref: ActionRef): string {
  return JSON.stringify({ a: ref.id, v: ref.value, ...(ref.locale ? { l: ref.locale } : {}) })
}

export function decodeActionValue(value: string | undefined): ActionRef | null {
  if (value === undefined) return null
  let parsed: unknown
  try {
    parsed = JSON.parse(value)
  } catch {
    // Not ours (or tampered with): the caller answers "this button is no longer valid".
    return null
  }
  if (typeof parsed !== 'object' || parsed === null) return null
  const { a, v, l } = parsed as { a?: unknown; v?: unknown; l?: unknown }
  if (typeof a !== 'string' || typeof v !== 'string' || !ACTION_IDS.includes(a as ActionId)) return null
  // An unknown language is ignored, not refused: the profile's applies.
  return { id: a as ActionId, value: v, ...(LOCALES.includes(l as Locale) ? { locale: l as Locale } : {}) }
}
