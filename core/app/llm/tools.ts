// The language model's only way to act: the same use cases a message or a button
// reaches, run AS THE ASKING EMPLOYEE. Authorisation is the use cases' own, so a
// prompt cannot widen it; the model sees only a compact summary of the result,
// and the user sees the use case's own card (buttons included).
//
// A tool of an intent that changes state (IntentSpec.changesState: an enrolment, a
// completion, an assignment, a setting) never acts when the model calls it: it
// proposes, and the person gets a card saying what would be done with Confirm and
// Cancel. Confirm is an ordinary "ask" button that runs the intent's own answer as
// whoever presses it, and only the asker may (askValue's onlyFor).
import { z } from 'zod'
import { makeCard } from '../../kernel/cards/build.js'
import type { Card } from '../../kernel/cards/card.js'
import type { Actor } from '../../kernel/context.js'
import { translator } from '../../kernel/i18n/index.js'
import { askValue, type IntentTool, type ProposingTool } from '../../kernel/intent-spec.js'
import type { ToolCall, ToolSpec } from '../../kernel/llm-port.js'
import { INTENTS } from '../intents.js'
import type { LadderDeps } from '../store.js'

type AnyTool = { changesState: false; tool: IntentTool<LadderDeps> } | { changesState: true; tool: ProposingTool<LadderDeps> }

/** The registry's intents that offer a tool, by name: the model may call exactly these. */
const TOOLS: Record<string, AnyTool> = Object.fromEntries(
  INTENTS.flatMap((i): [string, AnyTool][] =>
    i.tool === undefined ? [] : [[i.name, i.changesState ? { changesState: true, tool: i.tool } : { changesState: false, tool: i.tool }]],
  ),
)

/** The tools that only propose: the person confirms before anything changes. */
export const CONFIRMED_TOOLS: readonly ToolName[] = Object.keys(TOOLS).filter((name) => TOOLS[name]!.changesState)

/** The value of the Cancel button of a confirmation (core/app/handle-action.ts). */
export const CANCEL_VALUE = 'cancel'

export type ToolName = string
export const TOOL_NAMES: readonly ToolName[] = Object.keys(TOOLS)

const isToolName = (name: string): boolean => Object.hasOwn(TOOLS, name)

/** The specs sent with every request; JSON Schemas derived from the zod schemas that validate the calls. */
export const TOOL_SPECS: ToolSpec[] = Object.entries(TOOLS).map(([name, { tool }]) => {
  const { $schema: _dialect, ...parameters } = z.toJSONSchema(tool.schema, { io: 'input' })
  return { name, description: tool.description, parameters }
})

export type ToolErrorCode = 'unknown_tool' | 'bad_json' | 'bad_arguments' | 'failed'

/**
 * A call's outcome. `card`: what the person sees for it (null: nothing to show, the
 * model explains); `asks`: the card asks them to confirm a change the call proposed.
 */
export type ToolOutcome =
  | { isOk: true; name: ToolName; content: string; card: Card | null; asks: boolean }
  | { isOk: false; name: string; code: ToolErrorCode; content: string }

/** Largest tool result sent back to the model, in characters. */
const MAX_CONTENT = 6000

const failure = (name: string, code: ToolErrorCode, error: string): ToolOutcome => ({
  isOk: false,
  name,
  code,
  content: JSON.stringify({ error: code, message: error }),
})

/** Models often send "" for no arguments and null for an omitted optional one. */
function parseArguments(raw: string): { isOk: true; value: unknown } | { isOk: false } {
  if (raw.trim() === '') return { isOk: true, value: {} }
  try {
    const value: unknown = JSON.parse(raw)
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return { isOk: true, value }
    return { isOk: true, value: Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null)) }
  } catch {
    // Not JSON at all: the model is told so and may try again.
    return { isOk: false }
  }
}

/**
 * Runs one tool call for `actor`. Never throws: a bad call or a failing use case
 * becomes a tool error for the model (the failure is logged with a code).
 */
export async function runTool(deps: LadderDeps, actor: Actor, call: ToolCall): Promise<ToolOutcome> {
  if (!isToolName(call.name))
    return failure(call.name, 'unknown_tool', `No tool named ${JSON.stringify(call.name.slice(0, 60))}. Tools: ${TOOL_NAMES.join(', ')}.`)
  const entry = TOOLS[call.name]!
  const { tool } = entry
  const parsed = parseArguments(call.arguments)
  if (!parsed.isOk) return failure(call.name, 'bad_json', 'Arguments must be a JSON object.')
  const args = tool.schema.safeParse(parsed.value)
  if (!args.success) {
    const problems = args.error.issues.map((i) => `${i.path.join('.') || 'arguments'}: ${i.message}`).join('; ')
    return failure(call.name, 'bad_arguments', `${problems}. This tool only ever answers about the person asking.`)
  }
  try {
    const { summary, card, asks } = entry.changesState
      ? await proposal(deps, actor, call.name, entry.tool, args.data)
      : { ...(await entry.tool.run(deps, actor, args.data)), asks: false }
    const content = JSON.stringify(summary)
    return {
      isOk: true,
      name: call.name,
      card,
      asks,
      content: content.length > MAX_CONTENT ? `${content.slice(0, MAX_CONTENT)}…` : content,
    }
  } catch (error) {
    deps.log.error({ code: 'llm.tool_failed', tool: call.name, err: error }, 'LLM tool call failed')
    return failure(call.name, 'failed', 'The tool failed; answer without it.')
  }
}

/** A state-changing call, not done: the card that asks the person, and what the model is told. */
async function proposal(
  deps: LadderDeps,
  actor: Actor,
  intent: string,
  tool: ProposingTool<LadderDeps>,
  args: unknown,
): Promise<{ summary: Record<string, unknown>; card: Card | null; asks: boolean }> {
  const proposed = await tool.propose(deps, actor, args)
  if (proposed.kind === 'result') return { summary: proposed.summary, card: proposed.card, asks: false }
  return {
    asks: true,
    summary: {
      result: 'awaiting_confirmation',
      question: proposed.question,
      note: 'Nothing has been done. The person was shown this question with Confirm and Cancel buttons; do not say it is done.',
    },
    card: confirmCard(actor, proposed.question, askValue(intent, proposed.request)),
  }
}

/** "Enrol you in …?" with Confirm (the intent, asked again by whoever presses it) and Cancel. */
export function confirmCard(actor: Actor, question: string, value: string): Card {
  const tr = translator(actor.locale)
  return makeCard(actor.locale, { title: tr('llm.confirm.title'), tone: 'info' }, [
    { type: 'text', text: question },
    { type: 'context', text: tr('llm.confirm.note') },
    {
      type: 'actions',
      buttons: [
        { label: tr('llm.confirm.yes'), action: { id: 'ask', value }, style: 'primary' },
        { label: tr('llm.confirm.no'), action: { id: 'ask', value: CANCEL_VALUE } },
      ],
    },
  ])
}
