import { type Logger as Pino, pino } from 'pino'
import type { Config } from './config.js'

/**
 * Structured JSON logs. Secrets are redacted by path wherever they could appear
 * (headers, config objects); message texts are never logged, only ids.
 */
export function createLogger(config: Pick<Config, 'LOG_LEVEL'>, destination?: NodeJS.WritableStream): Pino {
  return pino(
    {
      level: config.LOG_LEVEL,
      base: { app: 'ladder' },
      // fastify's request lines (LOG_LEVEL=debug): its own fields, with the console token cut from the URL.
      serializers: { req: requestLine },
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers["x-slack-signature"]',
          'req.headers["x-lark-signature"]',
          '*.token',
          '*.secret',
          '*.apiKey',
          '*.SLACK_BOT_TOKEN',
          '*.SLACK_SIGNING_SECRET',
          '*.SLACK_APP_TOKEN',
          '*.FEISHU_APP_SECRET',
          '*.FEISHU_ENCRYPT_KEY',
          '*.FEISHU_VERIFICATION_TOKEN',
          '*.OPENAI_API_KEY',
          '*.CONSOLE_TOKEN',
        ],
        censor: '[redacted]',
      },
    },
    destination as pino.DestinationStream | undefined,
  )
}

interface LoggedRequest {
  method?: string
  url?: string
  headers?: Record<string, unknown>
  host?: string
  ip?: string
  socket?: { remotePort?: number }
}

/** What fastify logs of a request (lib/logger-pino.js), the URL's token query parameter replaced. */
function requestLine(req: LoggedRequest): Record<string, unknown> {
  return {
    method: req.method,
    url: req.url?.replace(/([?&]token=)[^&#]*/gi, '$1[redacted]'),
    version: req.headers?.['accept-version'],
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  }
}
