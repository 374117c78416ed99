import type { Logger as Pino } from 'pino'
import { createOpenAiLlm } from '../adapters/llm/openai-llm.js'
import type { LlmPort } from '../core/kernel/llm-port.js'
import type { Config } from './config.js'

/** The optional language model; off unless OPENAI_API_KEY is set. */
export function createLlm(config: Config, log: Pino): LlmPort | undefined {
  if (!config.OPENAI_API_KEY) return undefined
  log.info({ model: config.OPENAI_MODEL, baseURL: config.OPENAI_BASE_URL ?? 'https://api.openai.com/v1' }, 'LLM enabled')
  return createOpenAiLlm({
    apiKey: config.OPENAI_API_KEY,
    model: config.OPENAI_MODEL,
    timeoutMs: config.OPENAI_TIMEOUT_MS,
    ...(config.OPENAI_BASE_URL ? { baseURL: config.OPENAI_BASE_URL } : {}),
  })
}
