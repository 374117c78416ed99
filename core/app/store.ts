// Every repository Ladder has, as one store, and the deps built from it: what
// the composition root (bot/) and tests hand to createCore. Each feature sees
// only its own part (Deps<FeedbackStore>, Deps<BroadcastStore>, …).

import type { BroadcastStore } from '../features/broadcasts/index.js'
import type { DutiesStore } from '../features/duties/index.js'
import type { JobsStore } from '../features/jobs/index.js'
import type { MatrixStore } from '../features/matrix/index.js'
import type { OnboardingStore } from '../features/onboarding/index.js'
import type { PrivacyStore } from '../features/privacy/index.js'
import type { ProgrammeStore } from '../features/programmes/index.js'
import { DEFAULT_SETTINGS, type Deps, type Settings } from '../kernel/context.js'
import type { LlmPort } from '../kernel/llm-port.js'
import { type ChatPlatform, createMessengerRegistry, type MessengerRegistry } from '../kernel/messaging.js'
import { outboxDeliveryFor } from '../kernel/outbox-delivery.js'
import type { Clock, Logger } from '../kernel/ports.js'

export interface LadderStore extends BroadcastStore, ProgrammeStore, PrivacyStore, JobsStore, OnboardingStore, DutiesStore, MatrixStore {
  reminders: ProgrammeStore['reminders']
}

export type LadderDeps = Deps<LadderStore>

export interface LadderDepsOptions {
  store: LadderStore
  clock: Clock
  log: Logger
  /** Parsed by bot/config.ts; DEFAULT_SETTINGS for what is not given. */
  settings?: Partial<Settings>
  /** Cards for other people: the store's outbox unless given (the CLI also lists them). */
  deliver?: LadderDeps['deliver']
  /**
   * The platforms this install runs, from its configuration (the console among them when on):
   * where cards for people may go. Unless given: the messengers registered at the time of
   * each delivery, or, with none (a test, a tool), Slack and Feishu.
   */
  platforms?: readonly ChatPlatform[]
  /** The running platforms; none when not given (a broadcast then says the platform cannot list members). */
  messengers?: MessengerRegistry
  llm?: LlmPort
}

/** Deps with every default made explicit: nothing is switched off by leaving it out. */
export function ladderDeps(options: LadderDepsOptions): LadderDeps {
  const { store, clock, log, llm } = options
  const messengers = options.messengers ?? createMessengerRegistry()
  return {
    store,
    clock,
    log,
    settings: { ...DEFAULT_SETTINGS, ...options.settings },
    deliver: options.deliver ?? outboxDeliveryFor({ store, clock, log, platforms: () => options.platforms ?? running(messengers) }),
    messengers,
    ...(llm ? { llm } : {}),
  }
}

const running = (messengers: MessengerRegistry): readonly ChatPlatform[] => {
  const platforms = messengers.platforms()
  return platforms.length > 0 ? platforms : ['slack', 'feishu']
}
