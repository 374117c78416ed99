import type { Logger as Pino } from 'pino'
import type { LlmPort } from '../core/kernel/llm-port.js'
import type { Config } from './config.js'
import { instrumentLlm, type LadderMetrics } from './metrics.js'

/**
 * The optional language model; off unless OPENAI_API_KEY is set. The OpenAI SDK
 * (some 150 modules) is loaded only then: a start without it, or a one-shot CLI
 * command, does not pay for it.
 */
export async function createLlm(config: Config, log: Pino, metrics?: LadderMetrics): Promise<LlmPort | undefined> {
  if (!config.OPENAI_API_KEY) return undefined
  const { createOpenAiLlm } = await import('../adapters/llm/openai-llm.js')
  log.info({ model: config.OPENAI_MODEL, baseURL: config.OPENAI_BASE_URL ?? 'https://api.openai.com/v1' }, 'LLM enabled')
  const llm = createOpenAiLlm({
    apiKey: config.OPENAI_API_KEY,
    model: config.OPENAI_MODEL,
    timeoutMs: config.OPENAI_TIMEOUT_MS,
    ...(config.OPENAI_BASE_URL ? { baseURL: config.OPENAI_BASE_URL } : {}),
  })
  return metrics ? instrumentLlm(llm, metrics) : llm
}
