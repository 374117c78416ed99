// The reminder scheduler: node-schedule runs a sweep on the configured cron
// (plans and enqueues), and the delivery worker drains the outbox continuously.
// bot/ is the only importer of node-schedule; the work itself is core use cases.
import schedule from 'node-schedule'
import { feishuRate } from '../adapters/feishu/rate-limits.js'
import { slackRate } from '../adapters/slack/rate-limits.js'
import { runReminderSweep, type SweepResult } from '../core/app/run-sweep.js'
import type { LadderDeps } from '../core/app/store.js'
import { flushBroadcastCounters } from '../core/features/broadcasts/index.js'
import { DEFAULT_RETENTION, type RetentionPolicy } from '../core/features/privacy/index.js'
import { type ChatAdapter, cardUpdateWindowMs } from '../core/kernel/chat-adapter.js'
import type { ChatPlatform } from '../core/kernel/messaging.js'
import type { SlotReservations } from '../core/kernel/pacing.js'
import { DEFAULT_REMINDER_POLICY, horizonOfCron, type ReminderPolicy, type WorkingHours } from '../core/kernel/reminder-options.js'
import { createDeliveryWorker, DEFAULT_DELIVERY_OPTIONS, type DeliveryOptions, type DeliveryWorker, defaultHolder } from './delivery.js'
import { withFrugalHeap } from './heap.js'
import { instrumentOutbox, type LadderMetrics } from './metrics.js'

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
  /** Retention in days (0: forever), applied by each sweep; docs/privacy.md. */
  RETAIN_PROCESSED_EVENTS_DAYS: number
  RETAIN_DELIVERED_OUTBOX_DAYS: number
  RETAIN_AUDIT_DAYS: number
  SLACK_MAX_MESSAGES_PER_SECOND: number
  FEISHU_MAX_MESSAGES_PER_SECOND: number
  FEISHU_MAX_MESSAGES_PER_MINUTE: number
  DELIVERY_CALL_TIMEOUT_MS: number
  DELIVERY_MAX_IN_FLIGHT: number
  /** Feishu: the last escalation step is sent as urgent (加急, urgent_app). */
  FEISHU_URGENT_ESCALATIONS: boolean
  DELIVERY_STOP_TIMEOUT_MS: number
  DELIVERY_LEASE_MS: number
}

export interface SchedulerOptions {
  cron: string
  policy: ReminderPolicy
  delivery: DeliveryOptions
  /** What each sweep deletes once old enough. */
  retention: RetentionPolicy
  /** Broadcast cards older than this are no longer updated (the shortest window among the platforms). */
  cardUpdateMaxAgeMs?: number
  /** FEISHU_URGENT_ESCALATIONS: the top escalation rung goes out urgent (加急) on Feishu. */
  urgentEscalations?: boolean
  /** Sweep durations and the delivery worker's outcomes are counted here (bot/metrics.ts). */
  metrics?: LadderMetrics
}

/** Broadcast counters stop updating after this when no platform says (Feishu's 14 days, kept for all). */
const DEFAULT_CARD_UPDATE_MAX_AGE_MS = 14 * 86_400_000

/** The running adapters' own pace and card-update window replace the defaults for their platforms. */
export function withAdapters(options: SchedulerOptions, adapters: readonly ChatAdapter[]): SchedulerOptions {
  const rates = { ...options.delivery.rates }
  for (const adapter of adapters) rates[adapter.platform] = adapter.rateLimits
  return {
    ...options,
    delivery: { ...options.delivery, rates },
    cardUpdateMaxAgeMs: cardUpdateWindowMs(adapters, DEFAULT_CARD_UPDATE_MAX_AGE_MS),
  }
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
        slack: slackRate(settings.SLACK_RATE_PER_SECOND ?? 1, settings.SLACK_MAX_MESSAGES_PER_SECOND),
        feishu: feishuRate(
          settings.FEISHU_RATE_PER_SECOND ?? 5,
          settings.FEISHU_MAX_MESSAGES_PER_SECOND,
          settings.FEISHU_MAX_MESSAGES_PER_MINUTE,
        ),
      },
      maxAttempts: settings.DELIVERY_MAX_ATTEMPTS ?? DEFAULT_DELIVERY_OPTIONS.maxAttempts,
      callTimeoutMs: settings.DELIVERY_CALL_TIMEOUT_MS ?? DEFAULT_DELIVERY_OPTIONS.callTimeoutMs,
      maxInFlight: settings.DELIVERY_MAX_IN_FLIGHT ?? DEFAULT_DELIVERY_OPTIONS.maxInFlight,
      stopTimeoutMs: settings.DELIVERY_STOP_TIMEOUT_MS ?? DEFAULT_DELIVERY_OPTIONS.stopTimeoutMs,
      leaseMs: settings.DELIVERY_LEASE_MS ?? DEFAULT_DELIVERY_OPTIONS.leaseMs,
    },
    urgentEscalations: settings.FEISHU_URGENT_ESCALATIONS === true,
    retention: {
      processedEventsDays: settings.RETAIN_PROCESSED_EVENTS_DAYS ?? DEFAULT_RETENTION.processedEventsDays,
      deliveredOutboxDays: settings.RETAIN_DELIVERED_OUTBOX_DAYS ?? DEFAULT_RETENTION.deliveredOutboxDays,
      auditDays: settings.RETAIN_AUDIT_DAYS ?? DEFAULT_RETENTION.auditDays,
    },
  }
}

/** The core's deps: the sweep runs its use cases, the worker sends through its registered messengers. */
export type SchedulerDeps = LadderDeps

export interface RunningScheduler {
  worker: DeliveryWorker
  /** Runs a sweep now (the cron calls the same). */
  sweepNow(): Promise<SweepResult | null>
  stop(): Promise<void>
}

/**
 * `slots`: the app-wide pace shared with the other processes on the database
 * (adapters/db/pacing-store.ts); in-process when absent.
 */
export function startScheduler(
  deps: SchedulerDeps,
  options: SchedulerOptions,
  holder = defaultHolder(),
  slots?: SlotReservations,
): RunningScheduler {
  const platforms = deps.messengers.platforms() as ChatPlatform[]
  let current: Promise<SweepResult | null> | null = null

  async function sweep(): Promise<SweepResult | null> {
    const started = Date.now()
    try {
      const result = await withFrugalHeap(() =>
        runReminderSweep(deps, {
          policy: options.policy,
          platforms,
          holder,
          retention: options.retention,
          urgentEscalations: options.urgentEscalations === true,
          keepPlanned: false,
        }),
      )
      if (result.kind === 'busy') deps.log.debug({}, 'reminder sweep skipped: another process holds the sweep lease')
      else if (result.kind === 'lost') deps.log.warn({ enqueued: result.enqueued }, 'reminder sweep lost its lease to another process')
      else
        deps.log.info(
          {
            digests: result.digests,
            items: result.items,
            enqueued: result.enqueued,
            duplicates: result.duplicates,
            unreachable: result.unreachable.length,
            programmes: result.programmes,
            cycles: result.cycles,
            pruned: result.pruned,
            ms: Date.now() - started,
          },
          'reminder sweep done',
        )
      return result
    } catch (error) {
      deps.log.error({ err: error }, 'reminder sweep failed; the next run will try again')
      return null
    }
  }

  /** The sweep, timed by outcome for /metrics. */
  async function timedSweep(): Promise<SweepResult | null> {
    const started = performance.now()
    const result = await sweep()
    options.metrics?.sweep(result === null ? 'failed' : result.kind, (performance.now() - started) / 1000)
    return result
  }

  const sweepNow = (): Promise<SweepResult | null> => {
    // One sweep at a time in this process; the lease keeps other processes out.
    current ??= timedSweep().finally(() => {
      current = null
    })
    return current
  }

  const job = schedule.scheduleJob(options.cron, () => void sweepNow())
  if (!job) throw new Error(`REMINDER_CRON "${options.cron}" is not a valid cron expression`)
  const worker = createDeliveryWorker(
    {
      outbox: options.metrics ? instrumentOutbox(deps.store.outbox, options.metrics) : deps.store.outbox,
      messengers: deps.messengers,
      clock: deps.clock,
      log: deps.log,
      holder,
      ...(slots ? { slots } : {}),
      flushCounters: () =>
        flushBroadcastCounters(deps, {
          minIntervalMs: options.delivery.counterFlushMs,
          ...(options.cardUpdateMaxAgeMs !== undefined ? { maxAgeMs: options.cardUpdateMaxAgeMs } : {}),
        }),
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
      // The worker's stop is bounded (DELIVERY_STOP_TIMEOUT_MS); a sweep under way finishes its batch meanwhile.
      await Promise.all([current, worker.stop()])
    },
  }
}
