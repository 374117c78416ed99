// The registry: every intent Ladder understands, one entry each, from the
// features that answer them. The router's command and cue tables, the answer
// dispatch, the language model's tools and `ladder intents` are derived from it.
// Adding an intent is one entry in a feature's intents.ts (and its catalogue texts).
import { z } from 'zod'
import { broadcastIntents } from '../features/broadcasts/index.js'
import { careersIntents } from '../features/careers/index.js'
import { dutiesIntents } from '../features/duties/index.js'
import { feedbackIntents } from '../features/feedback/index.js'
import { gapIntents } from '../features/gap/index.js'
import { jobsIntents } from '../features/jobs/index.js'
import { matrixIntents } from '../features/matrix/index.js'
import { onboardingIntents } from '../features/onboarding/index.js'
import { privacyIntents } from '../features/privacy/index.js'
import { profileIntents } from '../features/profile/index.js'
import { programmeIntents } from '../features/programmes/index.js'
import { tasksIntents } from '../features/tasks/index.js'
import type { Card } from '../kernel/cards/card.js'
import type { Actor } from '../kernel/context.js'
import type { IntentRequest, IntentSpec } from '../kernel/intent-spec.js'
import { unpackIntentModel } from '../kernel/routing/classifier.js'
import { compileRouter, type RoutedIntent, routeIntent as route, type Vocabulary } from '../kernel/routing/route-intent.js'
import { helpCardFor } from './help-card.js'
import { packedIntentModel } from './intent-model.js'
import type { LadderDeps } from './store.js'

const help: IntentSpec = {
  name: 'help',
  changesState: false,
  command: { words: ['help'], argument: 'none' },
  cues: [
    [/^(hi|hello|hey|yo|hiya|howdy|greetings|morning|good (morning|afternoon|evening)|sup)\b/, 1.5],
    [/^help( me)?$/, 3],
    [/^(thanks|thank you|thx|ty|cheers)\b/, 1.5],
    [/^(谢谢|多谢|感谢|辛苦)/, 1.5],
    [/\bhelp\b/, 1],
    [
      /\bwhat (can|do) you do\b|\bwhat are you\b|\bwho are you\b|\bhow (does this|does it|do you) work\b|\bhow (do i|to) use\b|\bcommands?\b|\busage\b|\bwhat can i ask\b|\bfeatures\b/,
      2.5,
    ],
    [/^(你好|您好|嗨|哈喽|哈啰|嘿|在吗|在不在|早上好|下午好|晚上好)/, 1.5],
    [/帮助|使用说明|说明书|使用方法|怎么用|如何使用|怎么使用|使用指南/, 2.5],
    [/你(能|会|可以)(做|干)?(什么|啥)|(?<!我)(能|会|可以)(做|干)(什么|啥)|有(什么|哪些|啥)功能|功能(介绍|列表)|你是谁/, 2.5],
    [/机器人/, 1],
  ],
  isShared: true,
  answer: (deps, actor) => helpCardFor(deps, actor, 'greeting'),
  tool: {
    description: 'What Ladder can do for this person.',
    schema: z.strictObject({}),
    async run(deps, actor) {
      const card = await helpCardFor(deps, actor, 'help')
      return { summary: { result: 'help', text: card.fallback }, card }
    },
  },
}

/** Not understood: the help card (or the language model's answer, when one is configured). */
const unknown: IntentSpec = {
  name: 'unknown',
  changesState: false,
  cues: [],
  answer: (deps, actor) => helpCardFor(deps, actor, 'unknown'),
}

const [promotionGap, jobRequirements, ...rest] = gapIntents as [IntentSpec, IntentSpec, ...IntentSpec[]]
const training = rest.filter((i) => i.name !== 'dimension_score')
const dimensionScore = rest.find((i) => i.name === 'dimension_score') as IntentSpec

/** In this order: when two intents score the same, the earlier one wins. */
export const INTENTS: readonly IntentSpec<LadderDeps>[] = [
  promotionGap,
  jobRequirements,
  ...tasksIntents,
  ...training,
  ...careersIntents,
  ...jobsIntents,
  ...broadcastIntents,
  ...feedbackIntents,
  ...profileIntents,
  ...programmeIntents,
  ...onboardingIntents,
  ...privacyIntents,
  ...dutiesIntents,
  ...matrixIntents,
  // Last of the questions: on a tie, the intents that were there first keep their messages.
  dimensionScore,
  help,
  unknown,
]

/** The intent names, a public contract (`ladder intents` prints them). */
export const INTENT_NAMES: readonly string[] = INTENTS.map((i) => i.name)
const BY_NAME = new Map(INTENTS.map((i) => [i.name, i]))
/** Intents whose named thing is a course (the rest name a job). */
export const COURSE_INTENTS: ReadonlySet<string> = new Set(INTENTS.filter((i) => i.names === 'course').map((i) => i.name))
/** Intents whose named thing is a job. */
export const JOB_INTENTS: ReadonlySet<string> = new Set(INTENTS.filter((i) => i.names === 'job').map((i) => i.name))

const ROUTER = compileRouter(INTENTS, unpackIntentModel(packedIntentModel))

/** Chat text → intent, with the job or course it names. */
export const routeIntent = (text: string, vocabulary: Vocabulary): RoutedIntent => route(text, vocabulary, ROUTER)

/** The answer to a routed question, or to an "ask" button. */
export async function answer(deps: LadderDeps, actor: Actor, intent: string, request: IntentRequest = {}): Promise<Card> {
  return (BY_NAME.get(intent) ?? unknown).answer(deps, actor, request)
}
