import type { Employee, Locale } from './domain/types.js'
import type { Clock, Logger, Messenger, Store } from './ports.js'
import type { ChatPlatform } from './outbox.js'
import type { LlmPort } from './llm-port.js'
import type { Delivery, FeedbackRepo } from '../features/feedback/ports.js'
import type { WorkingHours } from './reminder-options.js'

/** What every use case receives: repositories and the clock, never a database client. */
export interface Deps {
  store: Store
  clock: Clock
  log: Logger
  llm?: LlmPort
  /** 360 feedback storage; without it the 360 actions answer as unknown buttons. */
  feedback?: FeedbackRepo
  /** How much a 360 result counts against the latest supervisor assessment (0–1). */
  feedbackWeight?: number
  /** Hands cards for other people (raters, managers) to the outbox. */
  deliver?: (deliveries: Delivery[]) => Promise<void>
  /** The working day used by snoozes ("until next working day"); 09:00, no holidays when unset. */
  workingHours?: WorkingHours
  holidays?: ReadonlySet<string>
  /**
   * The running chat platforms, for what must ask them now (a channel's members
   * for a broadcast). Filled as platforms start, so it may be empty at first.
   */
  messengers?: Partial<Record<ChatPlatform, Messenger>>
}

/** The employee on whose behalf a use case runs, and the language to answer in. */
export interface Actor {
  employee: Employee
  locale: Locale
}

export const isHr = (e: Employee): boolean => e.roles.includes('hr')
export const isManager = (e: Employee): boolean => e.roles.includes('manager')

/** Display name in the reader's language. */
export const displayName = (e: Pick<Employee, 'name' | 'nameEn'>, locale: Locale): string =>
  locale === 'en' && e.nameEn ? e.nameEn : e.name
