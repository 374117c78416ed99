// The language model's only way to act: the same use cases a message or a button
// reaches, run AS THE ASKING EMPLOYEE. Authorisation is the use cases' own, so a
// prompt cannot widen it; the model sees only a compact summary of the result,
// and the user sees the use case's own card (buttons included).
import { z } from 'zod'
import type { Card } from '../../kernel/cards/card.js'
import type { Actor } from '../../kernel/context.js'
import type { LadderDeps } from '../store.js'
import { helpCard } from '../help-card.js'
import { promotionGapCard, jobRequirementsCard, teamOverviewCard, whoIsReadyCard, enrolCard, recommendationsCard, trainingDoneCard, enrol, jobRequirements, markTrainingDone, promotionGap, recommendTraining, teamOverview, whoIsReady } from '../../features/gap/index.js'
import { myTasksCard, myTasks } from '../../features/tasks/index.js'
import type { ToolCall, ToolSpec } from '../../kernel/llm-port.js'
import {
  summariseEnrol,
  summariseJobRequirements,
  summariseMyTasks,
  summarisePromotionGap,
  summariseRecommendations,
  summariseTeam,
  summariseTrainingDone,
  summariseWhoIsReady,
  type Summary,
} from './summarise-results.js'

const jobCode = z.string().trim().min(1).max(40).describe('A job code from the job list, e.g. RD3')
const courseCode = z.string().trim().min(1).max(40).describe('A course code from the course list, e.g. RD-101')
const none = z.strictObject({})

interface ToolDefinition<S extends z.ZodType> {
  description: string
  /** Strict: an argument the tool does not take (say, another person) is an error the model is told about. */
  schema: S
  run(deps: LadderDeps, actor: Actor, args: z.output<S>): Promise<{ summary: Summary; card: Card }>
}

const define = <S extends z.ZodType>(d: ToolDefinition<S>): ToolDefinition<S> => d

const TOOLS = {
  promotion_gap: define({
    description:
      "The asking employee's own gap to their next job(s), or to the named job: overall match, per-dimension current/required, unmet hard requirements, courses that close the gaps.",
    schema: z.strictObject({ job_code: jobCode.optional() }),
    async run(deps, actor, args) {
      const result = await promotionGap(deps, actor, { ...(args.job_code ? { targetJobCode: args.job_code } : {}) })
      return { summary: summarisePromotionGap(result, actor.locale), card: promotionGapCard(result, actor.locale) }
    },
  }),
  job_requirements: define({
    description: "Any job's qualification standard: dimensions, weights, required attainment, indicators, next and previous steps.",
    schema: z.strictObject({ job_code: jobCode }),
    async run(deps, actor, args) {
      const result = await jobRequirements(deps, { jobCode: args.job_code })
      return { summary: summariseJobRequirements(result, actor.locale), card: jobRequirementsCard(result, actor.locale) }
    },
  }),
  my_tasks: define({
    description: "The asking employee's open trainings and evaluations, overdue first.",
    schema: none,
    async run(deps, actor) {
      const result = await myTasks(deps, actor)
      return { summary: summariseMyTasks(result, actor), card: myTasksCard(result, actor.locale, actor.employee.timeZone) }
    },
  }),
  recommend_training: define({
    description: "Courses that close the asking employee's largest gaps, biggest impact first.",
    schema: z.strictObject({ job_code: jobCode.optional() }),
    async run(deps, actor, args) {
      const result = await recommendTraining(deps, actor, { ...(args.job_code ? { targetJobCode: args.job_code } : {}) })
      return { summary: summariseRecommendations(result, actor.locale), card: recommendationsCard(result, actor.locale) }
    },
  }),
  enrol: define({
    description: 'Enrols the asking employee in a course. Only when they clearly asked to enrol.',
    schema: z.strictObject({ course_code: courseCode }),
    async run(deps, actor, args) {
      const result = await enrol(deps, actor, { courseCode: args.course_code })
      return { summary: summariseEnrol(result, actor.locale), card: enrolCard(result, actor.locale) }
    },
  }),
  training_done: define({
    description: 'Records that the asking employee finished a course. Only when they clearly said they finished it.',
    schema: z.strictObject({ course_code: courseCode }),
    async run(deps, actor, args) {
      const result = await markTrainingDone(deps, actor, { courseCode: args.course_code })
      return { summary: summariseTrainingDone(result, actor.locale), card: trainingDoneCard(result, actor.locale) }
    },
  }),
  team_overview: define({
    description: "For managers: their reports' readiness for the next step and overdue items. Refused for others.",
    schema: none,
    async run(deps, actor) {
      const result = await teamOverview(deps, actor)
      return { summary: summariseTeam(result, actor.locale), card: teamOverviewCard(result, actor.locale) }
    },
  }),
  who_is_ready: define({
    description: 'For HR (whole company) and managers (own reports): who meets a job’s standard, best first. Refused for others.',
    schema: z.strictObject({ job_code: jobCode }),
    async run(deps, actor, args) {
      const result = await whoIsReady(deps, actor, { jobCode: args.job_code })
      return { summary: summariseWhoIsReady(result, actor.locale), card: whoIsReadyCard(result, actor.locale) }
    },
  }),
  help: define({
    description: 'What Ladder can do for this person.',
    schema: none,
    async run(_deps, actor) {
      const card = helpCard(actor.locale, actor.employee, 'help')
      return { summary: { result: 'help', text: card.fallback }, card }
    },
  }),
}

export type ToolName = keyof typeof TOOLS
export const TOOL_NAMES = Object.keys(TOOLS) as ToolName[]

const isToolName = (name: string): name is ToolName => Object.hasOwn(TOOLS, name)

/** The specs sent with every request; JSON Schemas derived from the zod schemas that validate the calls. */
export const TOOL_SPECS: ToolSpec[] = TOOL_NAMES.map((name) => {
  const { $schema: _dialect, ...parameters } = z.toJSONSchema(TOOLS[name].schema, { io: 'input' })
  return { name, description: TOOLS[name].description, parameters }
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
  if (!isToolName(call.name)) return failure(call.name, 'unknown_tool', `No tool named ${JSON.stringify(call.name.slice(0, 60))}. Tools: ${TOOL_NAMES.join(', ')}.`)
  const tool: ToolDefinition<z.ZodType> = TOOLS[call.name]
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
