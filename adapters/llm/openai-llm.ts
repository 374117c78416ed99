// The LlmPort over any OpenAI-compatible chat completions endpoint (OpenAI,
// Azure OpenAI's /openai/v1/ API, DeepSeek, Qwen/DashScope compatible mode,
// Ollama, vLLM) with the official `openai` client. Every failure becomes an
// LlmError with a code: the core logs it and answers without the model.
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai'
import type {
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionMessageParam,
  ChatCompletionTool,
} from 'openai/resources/chat/completions'
import { LlmError } from '../../core/kernel/llm-error.js'
import type { ChatMessage, LlmPort, LlmTurn, ToolSpec } from '../../core/kernel/llm-port.js'

export interface OpenAiLlmOptions {
  apiKey: string
  /** Default: https://api.openai.com/v1 */
  baseURL?: string
  model: string
  /** One request's limit (OPENAI_TIMEOUT_MS); past it the person gets the deterministic answer. */
  timeoutMs: number
}

function toParam(message: ChatMessage): ChatCompletionMessageParam {
  switch (message.role) {
    case 'system':
    case 'user':
      return { role: message.role, content: message.content }
    case 'tool':
      return { role: 'tool', tool_call_id: message.toolCallId, content: message.content }
    case 'assistant':
      return {
        role: 'assistant',
        content: message.content,
        ...(message.toolCalls && message.toolCalls.length > 0
          ? {
              tool_calls: message.toolCalls.map((c) => ({
                id: c.id,
                type: 'function' as const,
                function: { name: c.name, arguments: c.arguments },
              })),
            }
          : {}),
      }
  }
}

const toTool = (spec: ToolSpec): ChatCompletionTool => ({
  type: 'function',
  function: { name: spec.name, description: spec.description, parameters: spec.parameters },
})

/** The openai client's errors, by what an operator would do about them. */
function toLlmError(error: unknown): LlmError {
  if (error instanceof LlmError) return error
  if (error instanceof APIConnectionTimeoutError) return new LlmError('timeout', 'the model did not answer in time')
  if (error instanceof APIUserAbortError) return new LlmError('aborted', 'the request was aborted')
  if (error instanceof APIConnectionError) return new LlmError('connection', 'the endpoint could not be reached')
  if (error instanceof APIError && error.status !== undefined) {
    return new LlmError('http', `the endpoint answered HTTP ${error.status}`, error.status)
  }
  if (error instanceof Error && error.name === 'AbortError') return new LlmError('aborted', 'the request was aborted')
  return new LlmError('bad_response', error instanceof Error ? error.name : 'unreadable response')
}

export function createOpenAiLlm(options: OpenAiLlmOptions): LlmPort {
  const client = new OpenAI({
    apiKey: options.apiKey,
    ...(options.baseURL ? { baseURL: options.baseURL } : {}),
    timeout: options.timeoutMs,
    // A person is waiting: one failed call means the deterministic answer, not a retry after a back-off.
    maxRetries: 0,
  })

  return {
    async complete(messages: ChatMessage[], tools: ToolSpec[], signal?: AbortSignal): Promise<LlmTurn> {
      const params: ChatCompletionCreateParamsNonStreaming = {
        model: options.model,
        messages: messages.map(toParam),
        // tool_choice without tools is an error on OpenAI's API.
        ...(tools.length > 0 ? { tools: tools.map(toTool), tool_choice: 'auto' as const } : {}),
      }
      let completion: OpenAI.Chat.Completions.ChatCompletion
      try {
        completion = await client.chat.completions.create(params, { ...(signal ? { signal } : {}), timeout: options.timeoutMs })
      } catch (error) {
        throw toLlmError(error)
      }
      const choice = completion.choices?.[0]
      if (!choice?.message) throw new LlmError('empty', 'the response has no choice')
      const { message } = choice
      if (message.refusal || choice.finish_reason === 'content_filter') throw new LlmError('refusal', 'the model declined to answer')
      const toolCalls = (message.tool_calls ?? []).flatMap((call, index) =>
        // Custom (free-form) tools are never offered, so only function calls are expected. Some
        // local servers omit the id; the reply must still pair each result with its call.
        call.type === 'function'
          ? [{ id: call.id || `call_${index}`, name: call.function.name, arguments: call.function.arguments ?? '' }]
          : [],
      )
      const content = message.content?.trim() ? message.content : null
      if (content === null && toolCalls.length === 0) throw new LlmError('empty', 'the model returned neither text nor tool calls')
      return { content, toolCalls }
    },
  }
}
