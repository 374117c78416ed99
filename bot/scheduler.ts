// The reminder scheduler: node-schedule runs a sweep on the configured cron
// (plans and enqueues), and the delivery worker drains the outbox continuously.
// bot/ is the only importer of node-schedule; the work itself is core use cases.
import schedule from 'node-schedule'
import type { ChatPlatform } from '../core/kernel/outbox.js'
import type { Clock, Logger, Messenger } from '../core/kernel/ports.js'
import { DEFAULT_REMINDER_POLICY, horizonOfCron, type ReminderPolicy, type WorkingHours } from '../core/kernel/reminder-options.js'
import { runReminderSweep, type SweepResult } from '../core/app/run-sweep.js'
import { flushBroadcastCounters } from '../core/features/broadcasts/broadcast.js'
import type { ProgrammeDeps } from '../core/features/programmes/programme.js'
import { createDeliveryWorker, DEFAULT_DELIVERY_OPTIONS, defaultHolder, feishuRate, slackRate, type DeliveryOptions, type DeliveryWorker } from './delivery.js'

const DEFAULT_REMINDER_CRON = '*/15 * * * *'

/**
 * The settings this feature reads, as bot/config.ts parses them (names are the
 * environment variables). Missing ones take the defaults.
 */
export interface ReminderSettings {
  REMINDER_CRON: string
  REMINDER_OFFSETS_DAYS: number[]
  REMINDER_OVERDUE_EVERY_WORKING_DAYS: number
  ESCALATE_MANAGER_AFTER_WORKING_DAYS: number
  ESCALATE_HR_AFTER_WORKING_DAYS: number
  WORKING_HOURS: WorkingHours
  HOLIDAYS: ReadonlySet<string>
  /** Slack messages per second per channel (chat.postMessage: ~1). */
  SLACK_RATE_PER_SECOND: number
  /** Feishu messages per second per user or group chat (5). */
  FEISHU_RATE_PER_SECOND: number
  DELIVERY_MAX_ATTEMPTS: number
  /** How much a programme's 360 result counts against the latest supervisor assessment (docs/feedback-360.md). */
  FEEDBACK_360_WEIGHT: number
}

export interface SchedulerOptions {
  cron: string
  policy: ReminderPolicy
  delivery: DeliveryOptions
  /** For the results of a programme's 360 stage; the 360 default when unset. */
  feedbackWeight?: number
}

/** Config → options: the only mapping the composition root has to do. */
export function schedulerOptionsFrom(settings: Partial<ReminderSettings> & Record<string, unknown>): SchedulerOptions {
  const cron = settings.REMINDER_CRON ?? DEFAULT_REMINDER_CRON
  const d = DEFAULT_REMINDER_POLICY
  return {
    cron,
    policy: {
      offsetsDays: settings.REMINDER_OFFSETS_DAYS ?? d.offsetsDays,
      overdueEveryWorkingDays: settings.REMINDER_OVERDUE_EVERY_WORKING_DAYS ?? d.overdueEveryWorkingDays,
      escalateManagerAfterWorkingDays: settings.ESCALATE_MANAGER_AFTER_WORKING_DAYS ?? d.escalateManagerAfterWorkingDays,
      escalateHrAfterWorkingDays: settings.ESCALATE_HR_AFTER_WORKING_DAYS ?? d.escalateHrAfterWorkingDays,
      workingHours: settings.WORKING_HOURS ?? d.workingHours,
      holidays: settings.HOLIDAYS ?? d.holidays,
      horizonMinutes: horizonOfCron(cron),
    },
    delivery: {
      ...DEFAULT_DELIVERY_OPTIONS,
      rates: {
        ...DEFAULT_DELIVERY_OPTIONS.rates,
        slack: slackRate(settings.SLACK_RATE_PER_SECOND ?? 1),
        feishu: feishuRate(settings.FEISHU_RATE_PER_SECOND ?? 5),
      },
      maxAttempts: settings.DELIVERY_MAX_ATTEMPTS ?? DEFAULT_DELIVERY_OPTIONS.maxAttempts,
    },
    ...(settings.FEEDBACK_360_WEIGHT === undefined ? {} : { feedbackWeight: settings.FEEDBACK_360_WEIGHT }),
  }
}

/** Without `deliver`, a programme's 360 cards go to the store's outbox like the reminders. */
export interface SchedulerDeps extends ProgrammeDeps {
  messengers: Partial<Record<ChatPlatform, Messenger>>
  clock: Clock
  log: Logger
}

export interface RunningScheduler {
  worker: DeliveryWorker
  /** Runs a sweep now (the cron calls the same). */
  sweepNow(): Promise<SweepResult | null>
  stop(): Promise<void>
}

export function startScheduler(deps: SchedulerDeps, options: SchedulerOptions, holder = defaultHolder()): RunningScheduler {
  const platforms = (Object.keys(deps.messengers) as ChatPlatform[]).filter((p) => deps.messengers[p])
  let current: Promise<SweepResult | null> | null = null

  async function sweep(): Promise<SweepResult | null> {
    const started = Date.now()
    try {
      const sweepDeps = options.feedbackWeight === undefined ? deps : { ...deps, feedbackWeight: options.feedbackWeight }
      const result = await runReminderSweep(sweepDeps, { policy: options.policy, platforms, holder })
      if (result.kind === 'busy') deps.log.debug({}, 'reminder sweep skipped: another process holds the sweep lease')
      else
        deps.log.info(
          { digests: result.digests, enqueued: result.enqueued, duplicates: result.duplicates, unreachable: result.unreachable.length, programmes: result.programmes, cycles: result.cycles, ms: Date.now() - started },
          'reminder sweep done',
        )
      return result
    } catch (error) {
      deps.log.error({ err: error }, 'reminder sweep failed; the next run will try again')
      return null
    }
  }

  const sweepNow = (): Promise<SweepResult | null> => {
    // One sweep at a time in this process; the lease keeps other processes out.
    current ??= sweep().finally(() => {
      current = null
    })
    return current
  }

  const job = schedule.scheduleJob(options.cron, () => void sweepNow())
  if (!job) throw new Error(`REMINDER_CRON "${options.cron}" is not a valid cron expression`)
  const worker = createDeliveryWorker(
    {
      outbox: deps.store.outbox,
      messengers: deps.messengers,
      clock: deps.clock,
      log: deps.log,
      holder,
      flushCounters: () => flushBroadcastCounters(deps, { minIntervalMs: options.delivery.counterFlushMs }),
    },
    options.delivery,
  )
  worker.start()
  deps.log.info({ cron: options.cron, platforms, holder }, 'reminder scheduler started')

  return {
    worker,
    sweepNow,
    async stop() {
      job.cancel()
      await current
      await worker.stop()
    },
  }
}
