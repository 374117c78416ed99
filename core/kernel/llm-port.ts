// The optional language model, behind a port so core never imports the openai SDK.
// The adapter (adapters/llm/) speaks any OpenAI-compatible chat completions endpoint.

export interface ToolSpec {
  name: string
  description: string
  /** JSON Schema of the arguments. */
  parameters: Record<string, unknown>
}

export type ChatMessage =
  | { role: 'system' | 'user'; content: string }
  | { role: 'assistant'; content: string | null; toolCalls?: ToolCall[] }
  | { role: 'tool'; toolCallId: string; content: string }

export interface ToolCall {
  id: string
  name: string
  /** Raw JSON text from the model: may be malformed. */
  arguments: string
}

export interface LlmTurn {
  content: string | null
  toolCalls: ToolCall[]
}

export interface LlmPort {
  /** One chat completion. Rejects on time-out or any error; the caller falls back. */
  complete(messages: ChatMessage[], tools: ToolSpec[], signal?: AbortSignal): Promise<LlmTurn>
  /**
   * Told when a question the model was given is answered without it (metrics, bot/metrics.ts):
   * the LlmError code, `unexpected`, or `empty` (no usable text and no card).
   */
  onFallback?(reason: string): void
}
