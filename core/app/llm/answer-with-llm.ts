// Free text the deterministic router did not understand, answered by a language
// model that can act only through the asker's own use cases (core/llm/tools.ts).
// Whatever goes wrong — time-out, HTTP error, refusal, empty or malformed
// answers — the person still gets the deterministic reply.

import { makeCard } from '../../kernel/cards/build.js'
import type { Card } from '../../kernel/cards/card.js'
import type { Actor } from '../../kernel/context.js'
import { t } from '../../kernel/i18n/index.js'
import { LlmError } from '../../kernel/llm-error.js'
import type { ChatMessage, LlmPort } from '../../kernel/llm-port.js'
import type { LadderDeps } from '../store.js'
import { mentionedPeople, unauthorisedMentions } from './guard-names.js'
import { loadSystemPrompts, renderSystemPrompt, type SystemPrompts } from './system-prompt.js'
import { CONFIRMED_TOOLS, runTool, TOOL_NAMES, TOOL_SPECS } from './tools.js'

export type AnswerWithLlm = (deps: LadderDeps, actor: Actor, text: string, fallback: () => Promise<Card>) => Promise<Card>

/** Model turns per message: ask, act, answer. More means a model going in circles. */
export const MAX_TURNS = 3
/** Tool calls honoured per turn; the rest are answered with an error. */
const MAX_CALLS_PER_TURN = 4
/** Longest model text shown; the card below carries the detail. */
const MAX_TEXT = 1200

interface Conversation {
  text: string | null
  /** The card of the last tool call that ran, if any. */
  card: Card | null
  /** The confirmation a state-changing call asks for: one per message, and it is what the person sees. */
  confirmation: Card | null
  /** Tool results as sent to the model: the only data the text may draw on. */
  results: string[]
}

/**
 * Fills `state` as it goes, so that when a later turn fails the card of a tool
 * that already ran (an enrolment, say) is still what the person sees.
 */
async function converse(llm: LlmPort, deps: LadderDeps, actor: Actor, system: string, text: string, state: Conversation): Promise<void> {
  const messages: ChatMessage[] = [
    { role: 'system', content: system },
    { role: 'user', content: text },
  ]
  for (let turn = 1; turn <= MAX_TURNS; turn++) {
    const reply = await llm.complete(messages, TOOL_SPECS)
    if (reply.toolCalls.length === 0) {
      state.text = reply.content
      return
    }
    messages.push({ role: 'assistant', content: reply.content, toolCalls: reply.toolCalls })
    for (const [index, call] of reply.toolCalls.entries()) {
      if (index >= MAX_CALLS_PER_TURN) {
        messages.push({ role: 'tool', toolCallId: call.id, content: JSON.stringify({ error: 'too_many_calls' }) })
        continue
      }
      if (state.confirmation && CONFIRMED_TOOLS.includes(call.name)) {
        // One change to confirm at a time: a second card would hide the first.
        const content = JSON.stringify({
          error: 'one_change_at_a_time',
          message: 'The person must first confirm the change already proposed.',
        })
        messages.push({ role: 'tool', toolCallId: call.id, content })
        continue
      }
      const outcome = await runTool(deps, actor, call)
      if (outcome.isOk) {
        if (outcome.card && outcome.asks) state.confirmation = outcome.card
        else if (outcome.card) state.card = outcome.card
        state.results.push(outcome.content)
      } else {
        // A made-up tool name is model output, which may echo the message: it stays out of the log.
        const tool = (TOOL_NAMES as string[]).includes(outcome.name) ? outcome.name : 'unknown'
        deps.log.warn({ code: 'llm.bad_tool_call', reason: outcome.code, tool }, 'LLM made a bad tool call')
      }
      messages.push({ role: 'tool', toolCallId: call.id, content: outcome.content })
    }
  }
  deps.log.warn({ code: 'llm.too_many_turns', turns: MAX_TURNS }, 'LLM did not finish within its turns')
}

/** Only the markup cards understand (**bold**, "- " bullets), and not too much of it. */
export function tidyText(raw: string): string {
  const text = raw
    .replace(/```[a-z]*\n?/gi, '')
    .replace(/^\s{0,3}#{1,6}\s+/gm, '')
    .replace(/^(\s*)[*•]\s+/gm, '$1- ')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT).trimEnd()}…` : text
}

/** The model's text, unless it names someone this turn's tool results did not. */
async function vetText(deps: LadderDeps, actor: Actor, conversation: Conversation): Promise<string | null> {
  const text = tidyText(conversation.text ?? '')
  if (text === '') return null
  // Everyone who ever worked here: a former colleague's name is as private as a current one's.
  const directory = await deps.store.employees.directory()
  const allowed = mentionedPeople(conversation.results.join('\n'), directory)
  allowed.add(actor.employee.id)
  const others = unauthorisedMentions(text, directory, allowed)
  if (others.length === 0) return text
  deps.log.warn({ code: 'llm.text_dropped', reason: 'names_other_employee', count: others.length }, 'LLM text named people it may not')
  return null
}

function compose(actor: Actor, text: string | null, card: Card | null): Card | null {
  const { locale } = actor
  if (text === null) return card
  if (card === null) {
    return makeCard(locale, undefined, [
      { type: 'text', text },
      { type: 'context', text: t(locale, 'llm.noteTextOnly') },
    ])
  }
  const composed = makeCard(card.locale, card.header, [
    { type: 'text', text },
    { type: 'context', text: t(card.locale, 'llm.note') },
    ...card.blocks,
  ])
  return card.alternate ? { ...composed, alternate: card.alternate } : composed
}

function logFailure(deps: LadderDeps, error: unknown): void {
  if (error instanceof LlmError) {
    // The code and status say what to fix; the message may quote the endpoint's body, so it stays out.
    deps.log.warn({ code: `llm.${error.code}`, ...(error.status ? { status: error.status } : {}) }, 'LLM unavailable, answered without it')
    return
  }
  deps.log.error({ code: 'llm.unexpected', err: error }, 'LLM path failed, answered without it')
}

/**
 * An answerer with the given prompt templates. bot/ may load them itself; the
 * default `answerWithLlm` reads prompts/ once, on first use.
 */
function createLlmAnswerer(getPrompts: () => SystemPrompts): AnswerWithLlm {
  return async (deps, actor, text, fallback) => {
    const llm = deps.llm
    if (!llm) return fallback()
    const state: Conversation = { text: null, card: null, confirmation: null, results: [] }
    let card: Card | null
    let reason = 'empty'
    try {
      const now = deps.clock.now()
      const system = renderSystemPrompt(getPrompts()[actor.locale], actor, await deps.store.catalog.load(now), now)
      await converse(llm, deps, actor, system, text, state)
      card = compose(actor, await vetText(deps, actor, state), state.confirmation ?? state.card)
      if (!card) deps.log.warn({ code: 'llm.empty' }, 'LLM gave no answer, answered without it')
    } catch (error) {
      logFailure(deps, error)
      reason = error instanceof LlmError ? error.code : 'unexpected'
      // A tool that already ran must not go unreported, nor a change waiting to be confirmed.
      card = state.confirmation ?? state.card
    }
    if (card) return card
    llm.onFallback?.(reason)
    return fallback()
  }
}

let prompts: SystemPrompts | undefined
const filePrompts = (): SystemPrompts => (prompts ??= loadSystemPrompts())

export const answerWithLlm: AnswerWithLlm = createLlmAnswerer(filePrompts)
