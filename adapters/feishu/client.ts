// The SDK client, configured from Ladder's settings. Each client gets its own
// token cache (the SDK's default is process-wide) so it can be cleared when
// Feishu refuses a token, and its own logger so nothing personal is logged.
import { type Cache, Client, Domain, LoggerLevel } from '@larksuiteoapi/node-sdk'
import type { Logger } from '../../core/kernel/ports.js'
import { sdkLogger } from './sdk-logger.js'

export interface FeishuClientSettings {
  appId: string
  appSecret: string
  /** feishu, lark, or a base URL (a private deployment, or a fake server in tests). */
  domain: string
}

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
  })
  return { client, tokenCache }
}
