// The SDK client, configured from Ladder's settings. Each client gets its own
// token cache (the SDK's default is process-wide) so it can be cleared when
// Feishu refuses a token, and its own logger so nothing personal is logged.
import { type Cache, Client, Domain, defaultHttpInstance, LoggerLevel } from '@larksuiteoapi/node-sdk'
import type { Logger } from '../../core/kernel/ports.js'
import { sdkLogger } from './sdk-logger.js'

export interface FeishuClientSettings {
  appId: string
  appSecret: string
  /** feishu, lark, or a base URL (a private deployment, or a fake server in tests). */
  domain: string
  /** Deadline of one HTTP call (DELIVERY_CALL_TIMEOUT_MS); the SDK sets none, so a hung call would wait forever. */
  timeoutMs?: number
}

type HttpInstance = NonNullable<ConstructorParameters<typeof Client>[0]['httpInstance']>

/** The SDK's own axios instance (its interceptors unwrap answers), with a deadline on every call. */
function timedHttpInstance(timeoutMs: number): HttpInstance {
  // Typed as a bare AxiosInstance; its response interceptor makes it the SDK's HttpInstance.
  const base = defaultHttpInstance as unknown as HttpInstance
  const timed = <O>(opts?: O): O => ({ ...(opts ?? {}), timeout: timeoutMs }) as O
  return {
    request: (opts) => base.request(timed(opts)),
    get: (url, opts) => base.get(url, timed(opts)),
    delete: (url, opts) => base.delete(url, timed(opts)),
    head: (url, opts) => base.head(url, timed(opts)),
    options: (url, opts) => base.options(url, timed(opts)),
    post: (url, data, opts) => base.post(url, data, timed(opts)),
    put: (url, data, opts) => base.put(url, data, timed(opts)),
    patch: (url, data, opts) => base.patch(url, data, timed(opts)),
  }
}

const DEFAULT_TIMEOUT_MS = 10_000

/** FEISHU_DOMAIN → the SDK's domain: its enum for the two public clouds, else the URL verbatim. */
export function resolveDomain(value: string): Domain | string {
  if (value === 'feishu') return Domain.Feishu
  if (value === 'lark') return Domain.Lark
  return value.replace(/\/+$/, '')
}

/** The SDK types keys as `string | Symbol` (the wrapper type); it passes symbols. */
type CacheKey = Parameters<Cache['get']>[0]

/** The SDK's cache interface, with a way to forget the tenant access token. */
export class TokenCache implements Cache {
  private readonly values = new Map<string, { value: unknown; expiresAt?: number }>()

  private key(key: CacheKey, namespace?: string): string {
    return `${namespace ?? ''}/${String(key)}`
  }

  async get(key: CacheKey, options?: { namespace?: string }): Promise<unknown> {
    const entry = this.values.get(this.key(key, options?.namespace))
    if (!entry || (entry.expiresAt !== undefined && entry.expiresAt <= Date.now())) return undefined
    return entry.value
  }

  async set(key: CacheKey, value: unknown, expiresAt?: number, options?: { namespace?: string }): Promise<boolean> {
    this.values.set(this.key(key, options?.namespace), { value, ...(expiresAt !== undefined ? { expiresAt } : {}) })
    return true
  }

  clear(): void {
    this.values.clear()
  }
}

export function createFeishuClient(settings: FeishuClientSettings, log: Logger): { client: Client; tokenCache: TokenCache } {
  const tokenCache = new TokenCache()
  const client = new Client({
    appId: settings.appId,
    appSecret: settings.appSecret,
    domain: resolveDomain(settings.domain),
    cache: tokenCache,
    logger: sdkLogger(log),
    loggerLevel: LoggerLevel.warn,
    httpInstance: timedHttpInstance(settings.timeoutMs ?? DEFAULT_TIMEOUT_MS),
  })
  return { client, tokenCache }
}
