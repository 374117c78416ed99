// A neutral ActionRef travels in a Feishu button's callback `value` (an object,
// echoed back verbatim in card.action.trigger's action.value) as {a: id, v: value}.
// The value comes back user-controlled: decoding checks the shape, the core
// still checks permissions.
import { z } from 'zod'
import { ACTION_IDS, type ActionRef } from '../../core/kernel/cards/card.js'

const ZActionValue = z.object({ a: z.enum(ACTION_IDS), v: z.string().max(2000) })

export const encodeActionValue = (action: ActionRef): { a: string; v: string } => ({ a: action.id, v: action.value })

/** The ActionRef a callback carries, or null when the value is not one of ours. */
export function decodeActionValue(value: unknown): ActionRef | null {
  const parsed = ZActionValue.safeParse(value)
  return parsed.success ? { id: parsed.data.a, value: parsed.data.v } : null
}

/**
 * The old name, still imported by handle-card-action.ts (edited in parallel, not
 * touched here): remove once it imports decodeActionValue.
 */
