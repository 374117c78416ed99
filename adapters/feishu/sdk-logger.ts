// The SDK logs through a console-like interface and, on API errors, dumps the
// request config — message bodies included. Ladder's log must hold ids and
// codes only, so every SDK line is reduced to strings and error codes.
import type { Logger } from '../../core/kernel/ports.js'

type SdkLogger = Record<'error' | 'warn' | 'info' | 'debug' | 'trace', (...msg: unknown[]) => void>

export function sdkLogger(log: Logger): SdkLogger {
  const line =
    (level: 'warn' | 'debug') =>
    (...msg: unknown[]) =>
      log[level](
        {
          sdk: msg
            .map(summarise)
            .filter((s) => s !== '')
            .join(' '),
        },
        'feishu sdk',
      )
  // SDK "errors" are mostly failed API calls that Ladder handles and logs itself.
  return { error: line('warn'), warn: line('warn'), info: line('debug'), debug: line('debug'), trace: () => {} }
}

function summarise(value: unknown): string {
  if (typeof value === 'string') return value.length > 300 ? `${value.slice(0, 300)}…` : value
  if (value instanceof Error) return value.message
  if (Array.isArray(value)) return value.map(summarise).join(' ')
  if (value === null || typeof value !== 'object') return String(value ?? '')
  const v = value as {
    message?: unknown
    response?: { status?: unknown; data?: { code?: unknown; msg?: unknown } }
    code?: unknown
    msg?: unknown
  }
  const parts = [v.message, v.response?.status, v.response?.data?.code ?? v.code, v.response?.data?.msg ?? v.msg]
  return parts.filter((p) => typeof p === 'string' || typeof p === 'number').join(' ')
}
