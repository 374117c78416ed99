// The language model's only way to act: the same use cases a message or a button
// reaches, run AS THE ASKING EMPLOYEE. Authorisation is the use cases' own, so a
// prompt cannot widen it; the model sees only a compact summary of the result,
// and the user sees the use case's own card (buttons included).
import { z } from 'zod'
import type { Card } from '../../kernel/cards/card.js'
import type { Actor } from '../../kernel/context.js'
import type { IntentTool } from '../../kernel/intent-spec.js'
import type { ToolCall, ToolSpec } from '../../kernel/llm-port.js'
import { INTENTS } from '../intents.js'
import type { LadderDeps } from '../store.js'

/** The registry's intents that offer a tool, by name: the model may call exactly these. */
const TOOLS: Record<string, IntentTool<LadderDeps>> = Object.fromEntries(INTENTS.flatMap((i) => (i.tool ? [[i.name, i.tool]] : [])))

export type ToolName = string
export const TOOL_NAMES: readonly ToolName[] = Object.keys(TOOLS)

const isToolName = (name: string): boolean => Object.hasOwn(TOOLS, name)

/** The specs sent with every request; JSON Schemas derived from the zod schemas that validate the calls. */
export const TOOL_SPECS: ToolSpec[] = Object.entries(TOOLS).map(([name, tool]) => {
  const { $schema: _dialect, ...parameters } = z.toJSONSchema(tool.schema, { io: 'input' })
  return { name, description: tool.description, parameters }
})

export type ToolErrorCode = 'unknown_tool' | 'bad_json' | 'bad_arguments' | 'failed'

export type ToolOutcome =
  | { isOk: true; name: ToolName; content: string; card: Card }
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
  const tool = TOOLS[call.name]!
  const parsed = parseArguments(call.arguments)
  if (!parsed.isOk) return failure(call.name, 'bad_json', 'Arguments must be a JSON object.')
  const args = tool.schema.safeParse(parsed.value)
  if (!args.success) {
    const problems = args.error.issues.map((i) => `${i.path.join('.') || 'arguments'}: ${i.message}`).join('; ')
    return failure(call.name, 'bad_arguments', `${problems}. This tool only ever answers about the person asking.`)
  }
  try {
    const { summary, card } = await tool.run(deps, actor, args.data)
    const content = JSON.stringify(summary)
    return { isOk: true, name: call.name, card, content: content.length > MAX_CONTENT ? `${content.slice(0, MAX_CONTENT)}…` : content }
  } catch (error) {
    deps.log.error({ code: 'llm.tool_failed', tool: call.name, err: error }, 'LLM tool call failed')
    return failure(call.name, 'failed', 'The tool failed; answer without it.')
  }
}
