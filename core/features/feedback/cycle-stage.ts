// The cycle's life: draft → nominating → collecting → closed → shared, one step
// at a time. Pure, so every illegal move is refused the same way everywhere.
import type { FeedbackStage } from './types.js'

export const CYCLE_EVENTS = ['start_nominating', 'start_collecting', 'close', 'share'] as const
export type CycleEvent = (typeof CYCLE_EVENTS)[number]

const MOVES: Record<CycleEvent, { from: FeedbackStage; to: FeedbackStage }> = {
  start_nominating: { from: 'draft', to: 'nominating' },
  start_collecting: { from: 'nominating', to: 'collecting' },
  close: { from: 'collecting', to: 'closed' },
  share: { from: 'closed', to: 'shared' },
}

export type Transition =
  | { ok: true; from: FeedbackStage; to: FeedbackStage }
  | { ok: false; from: FeedbackStage; event: CycleEvent; reason: 'already_done' | 'too_early' }

const ORDER: readonly FeedbackStage[] = ['draft', 'nominating', 'collecting', 'closed', 'shared']

/** The stage after `event`, or why the move is refused: the cycle is already past it, or not there yet. */
export function transition(stage: FeedbackStage, event: CycleEvent): Transition {
  const move = MOVES[event]
  if (move.from === stage) return { ok: true, from: stage, to: move.to }
  const reason = ORDER.indexOf(stage) >= ORDER.indexOf(move.to) ? 'already_done' : 'too_early'
  return { ok: false, from: stage, event, reason }
}

/** Raters may be added while nominating and, late additions, while collecting. */
export const canNominate = (stage: FeedbackStage): boolean => stage === 'nominating' || stage === 'collecting'
/** Answers are accepted only while collecting: a closed cycle's responses are final. */
export const canAnswer = (stage: FeedbackStage): boolean => stage === 'collecting'
/** Results exist once the cycle is closed; the subject sees them once shared. */
export const hasResults = (stage: FeedbackStage): boolean => stage === 'closed' || stage === 'shared'
