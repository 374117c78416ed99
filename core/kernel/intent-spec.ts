// One intent, described once: how it is asked (command words, cue phrases), who
// may see its answer, whether it can be about someone else, how it is answered,
// and the tool the language model may call for it. Each feature lists its own
// (features/*/intents.ts); core/app/intents.ts joins them into the registry from
// which the router's tables, the answer dispatch, the LLM tools and
// `ladder intents` are all derived.
import type { z } from 'zod'
import type { Card } from './cards/card.js'
import type { Actor, Deps } from './context.js'
import type { Conversation, Sender } from './inbound.js'
import type { Summary } from './summary.js'

/** What a command's argument names: "gap RD3" a job, "enrol RD-101" a course, "score technical skill" a dimension. */
export type ArgumentKind = 'job' | 'course' | 'dimension' | 'none'

/** A question routed to an intent, with what the message named. */
export interface IntentRequest {
  jobCode?: string
  courseCode?: string
  /** A dimension the question names ("我的技术能力得分"), by code. */
  dimensionCode?: string
  /** Where the question was asked: a broadcast asked for in a group defaults to that group. */
  conversation?: Conversation
  /** Who asked, as their platform knows them (a form may list the platform's groups). */
  sender?: Sender
  /** The employee the question is about when it names someone else; access is decided by the use case. */
  subjectId?: number
  /** Every other person the question names, first mention first ("给李雷和韩梅梅报名 RD-101"); subjectId is the first. */
  subjectIds?: number[]
  /** The message as typed, for what the router does not extract (a due date, "my team", "得分 70"). */
  text?: string
  /** A broadcast's completion report (from its button); the latest when absent. */
  broadcastId?: number
}

/** What an "ask" button keeps of a question: what it named, the people it is about, the words the answer reads. */
export type AskRequest = Pick<IntentRequest, 'jobCode' | 'courseCode' | 'subjectId' | 'subjectIds' | 'text'> & {
  /** Only this employee may press it (a confirmation is for the person who asked). */
  onlyFor?: number
}

/** Longest `text` an "ask" value carries (core/app/handle-action.ts reads no more). */
const MAX_ASK_TEXT = 80

/**
 * The value of an "ask" button that asks `intent` again on the reader's behalf,
 * keeping what the question named:
 * "<intent>[:<job or course code>][@<subject id>[,<subject id>…]][~<text>][!<only for employee id>]"
 * (read back by core/app/handle-action.ts). The text may not contain "!".
 */
export function askValue(intent: string, request: AskRequest = {}): string {
  const code = request.jobCode ?? request.courseCode
  const subjects = request.subjectIds?.length ? request.subjectIds : request.subjectId !== undefined ? [request.subjectId] : []
  const text = request.text?.replace(/[!\n]/g, ' ').trim().slice(0, MAX_ASK_TEXT)
  return (
    `${intent}${code ? `:${code}` : ''}${subjects.length > 0 ? `@${subjects.join(',')}` : ''}` +
    `${text ? `~${text}` : ''}${request.onlyFor !== undefined ? `!${request.onlyFor}` : ''}`
  )
}

/** A tool that only reads: it runs when the model calls it. */
export interface IntentTool<D> {
  description: string
  /** Strict: an argument the tool does not take (say, another person) is an error the model is told about. */
  schema: z.ZodType
  run(deps: D, actor: Actor, args: unknown): Promise<{ summary: Summary; card: Card }>
}

/**
 * What a call of a state-changing tool would do, worked out without doing it: the
 * question the person confirms and the "ask" request that does it when they press
 * Confirm (as themselves, through the intent's ordinary answer); or, when the call
 * cannot be done as it stands (an unknown course), a read-only result for the model.
 */
export type Proposal = { kind: 'confirm'; question: string; request: AskRequest } | { kind: 'result'; summary: Summary; card: Card | null }

/** A tool that would change something: it never acts when the model calls it, it proposes. */
export interface ProposingTool<D> {
  description: string
  schema: z.ZodType
  propose(deps: D, actor: Actor, args: unknown): Promise<Proposal>
}

interface IntentSpecBase<D extends Deps> {
  /** A public contract: the CLI prints it, outside tools depend on it. */
  name: string
  /** Command form ("/ladder gap senior", "enrol RD-101"): its words, and what its argument names. */
  command?: { words: readonly string[]; argument: ArgumentKind; isArgumentRequired?: boolean }
  /** What a job or course named in free text means for this intent (the router keeps it for the answer). */
  names?: Exclude<ArgumentKind, 'none'>
  /** Cue phrases over normalised text (a clearly named job reads "@job", a course "@course"), with weights. */
  cues: readonly (readonly [RegExp, number])[]
  /** The answer shows nobody's data: a whole group may read it. */
  isShared?: boolean
  /** The question can name another person ("李雷晋升还差什么"); access is the use case's. */
  canBeAboutSomeoneElse?: boolean
  /**
   * The intent that answers instead when the question names another person: "报名 RD-102 李雷" is not
   * the asker's enrolment but an assignment. Never acts on the asker when someone else is named.
   */
  whenAboutSomeoneElse?: string
  answer(deps: D, actor: Actor, request: IntentRequest): Promise<Card>
}

/**
 * `changesState`: whether answering the intent writes anything (an enrolment, a
 * completion, a setting). Every intent says so: the language model may run the tool
 * of one that does not; for one that does, its tool only proposes, and the person
 * confirms with a button (core/app/llm/tools.ts). A form that acts on submit does not
 * count: opening it changes nothing.
 */
export type IntentSpec<D extends Deps = Deps> = IntentSpecBase<D> &
  ({ changesState: false; tool?: IntentTool<D> } | { changesState: true; tool?: ProposingTool<D> })

/** A tool with its arguments typed by its schema. */
export function defineTool<D, S extends z.ZodType>(tool: {
  description: string
  schema: S
  run(deps: D, actor: Actor, args: z.output<S>): Promise<{ summary: Summary; card: Card }>
}): IntentTool<D> {
  return tool as IntentTool<D>
}

/** A proposing tool with its arguments typed by its schema. */
export function defineProposingTool<D, S extends z.ZodType>(tool: {
  description: string
  schema: S
  propose(deps: D, actor: Actor, args: z.output<S>): Promise<Proposal>
}): ProposingTool<D> {
  return tool as ProposingTool<D>
}
