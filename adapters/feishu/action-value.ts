// A neutral ActionRef travels in a Feishu button's callback `value` (an object,
// echoed back verbatim in card.action.trigger's action.value) as {a: id, v: value}.
// The value comes back user-controlled: decoding checks the shape, the core
// still checks permissions.
import { z } from 'zod'
import { ACTION_IDS, type ActionRef } from '../../core/kernel/cards/card.js'
import { LOCALES, type Locale } from '../../core/kernel/domain/types.js'

const ZActionValue = z.object({ a: z.enum(ACTION_IDS), v: z.string().max(2000), l: z.string().optional() })

export const encodeActionValue = (action: ActionRef): { a: string; v: string; l?: string } => ({
  a: action.id,
  v: action.value,
  ...(action.locale ? { l: action.locale } : {}),
})

/** The ActionRef a callback carries, or null when the value is not one of ours. */
export function decodeActionValue(value: unknown): ActionRef | null {
  const parsed = ZActionValue.safeParse(value)
  if (!parsed.success) return null
  const { a, v, l } = parsed.data
  // An unknown language is ignored, not refused: the profile's applies.
  return { id: a, value: v, ...(LOCALES.includes(l as Locale) ? { locale: l as Locale } : {}) }
}

/**
 * The old name, still imported by handle-card-action.ts (edited in parallel, not
 * touched here): remove once it imports decodeActionValue.
 */
