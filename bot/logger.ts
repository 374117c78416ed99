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
