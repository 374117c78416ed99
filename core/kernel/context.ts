// What every use case receives, and on whose behalf it runs.
import type { Employee, Locale } from './domain/types.js'
import type { LlmPort } from './llm-port.js'
import type { Delivery, DeliveryOutcome, MessengerRegistry } from './messaging.js'
import type { Clock, Logger, Store } from './ports.js'
import type { WorkingHours } from './reminder-options.js'

/** The settings use cases read, parsed once by bot/config.ts and built in bot/runtime.ts. */
export interface Settings {
  /** The working day: reminders and "snooze until the next working day" land at its start. */
  workingHours: WorkingHours
  holidays: ReadonlySet<string>
  /** A person hired this many days ago or less (or up to 7 days ahead) is onboarded (ONBOARDING_WINDOW_DAYS). */
  onboardingWindowDays: number
}

/**
 * Repositories, the clock and the ways out, never a database client. A feature
 * that keeps data of its own asks for its own store type (Deps<FeedbackStore>).
 */
export interface Deps<S extends Store = Store> {
  store: S
  clock: Clock
  log: Logger
  settings: Settings
  /**
   * Hands cards for other people (raters, managers) to the outbox, each to where its
   * recipient is reached (kernel/destinations.ts). Says who could not be reached at all;
   * a test's own collector may answer nothing (then nobody is unreachable).
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: a collector that answers nothing (a test's) is a delivery too
  deliver: (deliveries: Delivery[]) => Promise<DeliveryOutcome | void>
  /** The running chat platforms, for what must ask them now (a channel's members for a broadcast). */
  messengers: MessengerRegistry
  /** The language model, when one is configured: free text the router did not understand goes to it. */
  llm?: LlmPort
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

/** The settings bot/config.ts applies when nothing is set: 09:00–18:00, no holidays. */
export const DEFAULT_SETTINGS: Settings = {
  workingHours: { startMinute: 9 * 60, endMinute: 18 * 60 },
  holidays: new Set(),
  onboardingWindowDays: 14,
}
