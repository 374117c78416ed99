// Bolt and the Web API client log through @slack/logger's interface; this routes
// their messages into Ladder's structured logger.
import { LogLevel, type Logger as SlackLogger } from '@slack/bolt'
import type { Logger } from '../../core/kernel/ports.js'

const text = (parts: unknown[]): string =>
  parts.map((p) => (p instanceof Error ? p.message : typeof p === 'string' ? p : JSON.stringify(p))).join(' ')

export function boltLogger(log: Logger, name = 'slack-sdk'): SlackLogger {
  let component = name
  return {
    // The SDKs' debug lines print whole request bodies (message texts, emails):
    // they never leave the process.
    debug: () => {},
    info: (...parts: unknown[]) => log.info({ component }, text(parts)),
    warn: (...parts: unknown[]) => log.warn({ component }, text(parts)),
    error: (...parts: unknown[]) => log.error({ component }, text(parts)),
    setLevel: () => {},
    // Reporting INFO keeps the SDKs from building debug strings nobody reads.
    getLevel: () => LogLevel.INFO,
    setName: (next: string) => {
      component = next
    },
  }
}
