// The only reader of process.env. One zod schema; a bad value stops start-up with
// a message naming the variable and what it expects.

import { existsSync } from 'node:fs'
import { isIP } from 'node:net'
import { z } from 'zod'
import { INTAKE_DEFAULTS } from '../core/kernel/intake.js'
import { parseHolidays, parseOffsetsDays, parseWorkingHours } from '../core/kernel/reminder-options.js'

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { message: 'expected true or false' })
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v))

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()))

/** A string setting parsed by one of core's parsers; its error message becomes the config error. */
const parsed =
  <T>(parse: (text: string) => T) =>
  (text: string, ctx: z.RefinementCtx): T => {
    try {
      return parse(text)
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message })
      return z.NEVER
    }
  }

/** fastify's proxy-addr names for address ranges. */
const PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal'])

/**
 * TRUST_PROXY, as fastify's trustProxy: false (the default), true (every hop), or
 * a comma list of addresses, CIDRs and range names. A hop count is refused: fastify 5
 * cannot check the peer with one and trusts no proxy, which would look like it works.
 */
export function parseTrustProxy(text: string): boolean | string[] {
  const value = text.trim().toLowerCase()
  if (value === '' || ['false', '0', 'no', 'off'].includes(value)) return false
  if (['true', 'yes', 'on'].includes(value)) return true
  if (/^\d+$/.test(value))
    throw new Error('a hop count is not supported (fastify cannot check the proxy with it): list the proxy addresses, e.g. loopback')
  const entries = value.split(',').map((entry) => entry.trim())
  for (const entry of entries) {
    const [address = '', prefix, extra] = entry.split('/')
    const isRange = PROXY_RANGES.has(entry)
    const isPrefix = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (isIP(address) === 6 ? 128 : 32))
    if (!isRange && (extra !== undefined || isIP(address) === 0 || !isPrefix))
      throw new Error(`expected true, false, or proxy addresses such as loopback or 10.0.0.0/8; "${entry}" is none of these`)
  }
  return entries
}

/** The bytes a base64 text decodes to, or -1 when it is not base64. */
const sealKeyBytes = (text: string): number => (/^[A-Za-z0-9+/]+={0,2}$/.test(text) ? Buffer.from(text, 'base64').length : -1)

const url = z.url({ message: 'expected an absolute URL such as https://example.com/' })

export const ZConfig = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number({ message: 'expected a port number' }).int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATABASE_URL: z
      .string()
      .regex(/^(file:.+|postgres(ql)?:\/\/.+)/i, {
        message:
          'expected a SQLite URL such as file:./data/ladder.db or a PostgreSQL URL such as postgresql://user:password@host:5432/ladder',
      })
      .default('file:./data/ladder.db'),
    /** PostgreSQL: the most connections each Ladder process opens for Prisma (SQLite: ignored). */
    DATABASE_POOL_SIZE: z.coerce.number({ message: 'expected a number of connections' }).int().min(1).max(1000).default(10),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Seed the bilingual demo organisation when the database is empty. */
    LADDER_DEMO: bool.default(true),
    /** Public base URL of this server, used in links inside messages. */
    PUBLIC_URL: url.optional(),

    SLACK_BOT_TOKEN: optionalString,
    SLACK_SIGNING_SECRET: optionalString,
    SLACK_APP_TOKEN: optionalString,
    SLACK_API_URL: url.default('https://slack.com/api/'),

    FEISHU_APP_ID: optionalString,
    FEISHU_APP_SECRET: optionalString,
    FEISHU_VERIFICATION_TOKEN: optionalString,
    FEISHU_ENCRYPT_KEY: optionalString,
    /**
     * HTTP mode with the verification token alone: a static value in every body, so anyone
     * who has it can forge events and clicks. Refused unless this is set; warned at every start.
     */
    FEISHU_ALLOW_TOKEN_ONLY: bool.default(false),
    FEISHU_MODE: z.enum(['http', 'ws']).default('http'),
    /** The last escalation step of an overdue task (escalate:hr) is marked urgent (加急, urgent_app) on Feishu. */
    FEISHU_URGENT_ESCALATIONS: bool.default(false),
    /** feishu, lark, or a private deployment's base URL. */
    FEISHU_DOMAIN: z
      .string()
      .default('feishu')
      .refine((v) => v === 'feishu' || v === 'lark' || /^https?:\/\/\S+$/.test(v), {
        message: 'expected feishu, lark, or a base URL such as https://open.example.com',
      }),

    OPENAI_API_KEY: optionalString,
    OPENAI_BASE_URL: url.optional(),
    OPENAI_MODEL: z.string().min(1).default('gpt-4o-mini'),
    OPENAI_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(8000),

    /** Reminder sweep schedule (cron, server time) and policy; docs/reminders.md. */
    REMINDER_CRON: z.string().min(1).default('*/15 * * * *'),
    REMINDER_OFFSETS_DAYS: z.string().default('3,1').transform(parsed(parseOffsetsDays)),
    REMINDER_OVERDUE_EVERY_WORKING_DAYS: z.coerce.number().int().min(1).max(30).default(2),
    ESCALATE_MANAGER_AFTER_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(3),
    ESCALATE_HR_AFTER_WORKING_DAYS: z.coerce.number().int().min(1).max(90).default(6),
    /** Each person's working hours, in their own time zone. */
    WORKING_HOURS: z.string().default('09:00-18:00').transform(parsed(parseWorkingHours)),
    /** Comma-separated ISO dates with no reminders. */
    HOLIDAYS: z.string().default('').transform(parsed(parseHolidays)),
    /** A person hired this many days ago or less (or up to 7 days ahead) is onboarded: plan, welcome, manager told. */
    ONBOARDING_WINDOW_DAYS: z.coerce.number({ message: 'expected a number of days' }).int().min(0).max(365).default(14),
    /** Delivery pacing: Slack chat.postMessage ~1/s per channel; Feishu 5/s per user or chat. */
    SLACK_RATE_PER_SECOND: z.coerce.number().positive().max(10).default(1),
    FEISHU_RATE_PER_SECOND: z.coerce.number().positive().max(50).default(5),
    DELIVERY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
    /** Retention in days, applied by each reminder sweep; 0 keeps forever (docs/privacy.md). */
    RETAIN_PROCESSED_EVENTS_DAYS: z.coerce
      .number({ message: 'expected a number of days (0: keep forever)' })
      .int()
      .min(0)
      .max(36_500)
      .default(7),
    RETAIN_DELIVERED_OUTBOX_DAYS: z.coerce
      .number({ message: 'expected a number of days (0: keep forever)' })
      .int()
      .min(0)
      .max(36_500)
      .default(30),
    RETAIN_AUDIT_DAYS: z.coerce.number({ message: 'expected a number of days (0: keep forever)' }).int().min(0).max(36_500).default(365),
    /**
     * App-wide delivery ceilings, shared by every process on the database (a 429 halves
     * the pace, which then climbs back): Slack publishes no workspace-wide number for
     * chat.postMessage (10/s: 1,000 DMs in under two minutes); Feishu allows 50/s and
     * 1000/min per app: 48/s (clock jitter) and at most 1000 in any 60 s.
     */
    SLACK_MAX_MESSAGES_PER_SECOND: z.coerce.number().positive().max(100).default(10),
    FEISHU_MAX_MESSAGES_PER_SECOND: z.coerce.number().positive().max(50).default(48),
    FEISHU_MAX_MESSAGES_PER_MINUTE: z.coerce.number().int().positive().max(1000).default(1000),
    /** Deadline of one platform call made by the delivery worker; past it the outcome is unknown and checked before a re-send. */
    DELIVERY_CALL_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(10_000),
    /** Rows one platform may have in delivery at once, per process. */
    DELIVERY_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(1000).default(32),
    /** On SIGTERM: how long calls under way may take to answer before their rows are released to the next process. */
    DELIVERY_STOP_TIMEOUT_MS: z.coerce.number().int().min(0).max(60_000).default(10_000),
    /** How long a claimed outbox message is reserved for the instance that claimed it: a dead instance's claims are taken over after this. */
    DELIVERY_LEASE_MS: z.coerce.number({ message: 'expected milliseconds' }).int().min(1000).max(3_600_000).default(120_000),
    /** This instance's name in leases and outbox claims (several instances on one database); host:pid:random when unset. */
    INSTANCE_NAME: optionalString,
    /**
     * Socket Mode and the Feishu long connection are held by one instance at a time (a lease):
     * renewed every third of this, taken over by a standing-by instance this long after its holder died.
     */
    CONNECTION_LEASE_TTL_MS: z.coerce.number({ message: 'expected milliseconds' }).int().min(1000).max(600_000).default(30_000),
    /** /readyz answers 503 "delivery stalled" when messages are due this long and none was sent in that time. */
    READY_DELIVERY_STALL_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(10),
    /** Questions answered at once, after the ack (core/kernel/intake.ts). */
    ANSWER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(INTAKE_DEFAULTS.concurrency),
    /** Questions held in memory; beyond it they wait in the database (InboundEvent) and are answered in order. */
    ANSWER_QUEUE_SIZE: z.coerce.number().int().min(1).max(1_000_000).default(INTAKE_DEFAULTS.bound),
    /** Several instances: questions another instance admitted and left unanswered this long are answered here; 0 never. */
    ANSWER_ADOPT_AFTER_MS: z.coerce
      .number()
      .int()
      .min(0)
      .max(24 * 3_600_000)
      .default(INTAKE_DEFAULTS.adoptAfterMs),

    /**
     * Accepted for compatibility, no longer used: a 360 result is recorded as it is and
     * weighed as the 360 source (source_weights, docs/evidence.md). A value other than 1 logs a warning.
     */
    FEEDBACK_360_WEIGHT: z.coerce.number({ message: 'expected a number from 0 to 1' }).min(0).max(1).default(1),

    /**
     * The key sealing anonymous 360 answers until they are released in groups (docs/feedback-360.md,
     * "Threat model"): 32 bytes, base64. Unset: read from FEEDBACK_SEAL_KEY_FILE, generated there once.
     */
    FEEDBACK_SEAL_KEY: optionalString.refine((v) => v === undefined || sealKeyBytes(v) === 32, {
      message: 'expected 32 bytes in base64 (e.g. the output of: openssl rand -base64 32)',
    }),
    /** Where the seal key is kept when FEEDBACK_SEAL_KEY is unset; keep it outside the data directory and its backups. */
    FEEDBACK_SEAL_KEY_FILE: z.string().min(1).default('./.ladder/seal.key'),

    /** The local web console: on by default when no chat platform is configured. */
    CONSOLE_ENABLED: bool.optional(),
    /** Required to open the console from another machine; printed at start-up when generated. */
    CONSOLE_TOKEN: optionalString,
    /** The reverse proxies whose X-Forwarded-* headers count (fastify's trustProxy); none by default. */
    TRUST_PROXY: z.string().default('false').transform(parsed(parseTrustProxy)),
    /** GET /metrics in Prometheus format (docs/metrics.md). */
    METRICS_ENABLED: bool.default(true),
    /** When set, /metrics requires Authorization: Bearer <token>; unset, it answers this machine only. */
    METRICS_TOKEN: optionalString.refine((v) => v === undefined || v.length >= 16, { message: 'expected at least 16 characters' }),

    /**
     * The bearer token of the HTTP admin API (/admin/v1/…, docs/admin-api.md): HRIS import,
     * export and connection health. Unset: the API is off (its routes answer 404).
     */
    ADMIN_API_TOKEN: optionalString.refine((v) => v === undefined || v.length >= 32, {
      message: 'expected at least 32 characters (e.g. the output of: openssl rand -base64 32), or leave it unset to turn the admin API off',
    }),
    /** The largest request body the admin API's import accepts, in megabytes. */
    ADMIN_API_MAX_BODY_MB: z.coerce.number({ message: 'expected a number of megabytes' }).positive().max(1024).default(20),
  })
  .superRefine((c, ctx) => {
    if (c.SLACK_BOT_TOKEN && !c.SLACK_APP_TOKEN && !c.SLACK_SIGNING_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_SIGNING_SECRET'],
        message: 'required with SLACK_BOT_TOKEN in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)',
      })
    }
    if (c.FEISHU_APP_ID && !c.FEISHU_APP_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['FEISHU_APP_SECRET'], message: 'required with FEISHU_APP_ID' })
    }
    if (
      c.FEISHU_APP_ID &&
      c.FEISHU_MODE === 'http' &&
      !c.FEISHU_ENCRYPT_KEY &&
      !(c.FEISHU_ALLOW_TOKEN_ONLY && c.FEISHU_VERIFICATION_TOKEN)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['FEISHU_ENCRYPT_KEY'],
        message: c.FEISHU_VERIFICATION_TOKEN
          ? 'required in HTTP mode: the verification token alone is a static value anyone who has it can forge requests with. Set the Encrypt Key from the developer console (signed requests), use FEISHU_MODE=ws, or accept the risk with FEISHU_ALLOW_TOKEN_ONLY=true'
          : 'required in HTTP mode (the Encrypt Key from the developer console, so every request is signed), or use FEISHU_MODE=ws',
      })
    }
  })

export type Config = z.infer<typeof ZConfig>

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.name = 'ConfigError'
  }
}

/** Parses the environment (and `.env` when present, without overriding real variables). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, envFile = '.env'): Config {
  if (env === process.env && existsSync(envFile)) process.loadEnvFile(envFile)
  const result = ZConfig.safeParse(env)
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const name = issue.path.join('.') || '(environment)'
        const value = env[String(issue.path[0])]
        const shown = value === undefined ? 'not set' : isSecret(name) ? 'set' : `"${value}"`
        return `${name} (${shown}): ${issue.message}`
      }),
    )
  }
  return result.data
}

const isSecret = (name: string): boolean => /TOKEN|SECRET|KEY|PASSWORD/.test(name)

export const hasSlack = (c: Config): boolean => Boolean(c.SLACK_BOT_TOKEN)
export const hasFeishu = (c: Config): boolean => Boolean(c.FEISHU_APP_ID)
export const isConsoleEnabled = (c: Config): boolean => c.CONSOLE_ENABLED ?? !(hasSlack(c) || hasFeishu(c))

/** The platforms this install runs, the console among them when on: where cards for people may go (core/kernel/destinations.ts). */
export const enabledPlatforms = (c: Config): ('slack' | 'feishu' | 'web')[] => [
  ...(hasSlack(c) ? (['slack'] as const) : []),
  ...(hasFeishu(c) ? (['feishu'] as const) : []),
  ...(isConsoleEnabled(c) ? (['web'] as const) : []),
]
