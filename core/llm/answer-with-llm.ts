import type { Card } from '../cards/card.js'
import type { Actor, Deps } from '../context.js'

/** Placeholder until the LLM path lands: always the deterministic answer. */
export async function answerWithLlm(_deps: Deps, _actor: Actor, _text: string, fallback: () => Promise<Card>): Promise<Card> {
  return fallback()
}
