// Why a language-model call gave us nothing usable. The adapter throws these; the
// core logs the code and answers deterministically instead.

export const LLM_ERROR_CODES = [
  'timeout', // no answer within OPENAI_TIMEOUT_MS
  'aborted', // the caller gave up
  'http', // the endpoint answered with an error status
  'connection', // the endpoint could not be reached
  'refusal', // the model declined (refusal field or content filter)
  'empty', // no choice, or neither text nor tool calls
  'bad_response', // a body we cannot read
] as const
export type LlmErrorCode = (typeof LLM_ERROR_CODES)[number]

export class LlmError extends Error {
  constructor(
    readonly code: LlmErrorCode,
    message: string,
    /** HTTP status for `http` errors. */
    readonly status?: number,
  ) {
    super(message)
    this.name = 'LlmError'
  }
}
