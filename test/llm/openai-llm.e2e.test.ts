// The OpenAI adapter with the real `openai` client against a local fake endpoint.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createOpenAiLlm } from '../../adapters/llm/openai-llm.js'
import { LlmError } from '../../core/kernel/llm-error.js'
import type { ChatMessage, ToolSpec } from '../../core/kernel/llm-port.js'
import { errorResponse, type FakeOpenAi, refusalResponse, startFakeOpenAi, textResponse, toolCallResponse } from '../fakes/openai-server.js'

let server: FakeOpenAi
// The client gives up after this long; a slow model answers far later still. Generous: under load
// (a second copy of the suite running) an ordinary answer from the fake can take a second or more.
const TIMEOUT_MS = 5_000
const TOO_LATE_MS = 60_000

const tools: ToolSpec[] = [
  {
    name: 'promotion_gap',
    description: 'gap',
    parameters: { type: 'object', properties: { job_code: { type: 'string' } }, additionalProperties: false },
  },
]

const llm = () => createOpenAiLlm({ apiKey: 'sk-test-key', baseURL: server.baseURL, model: 'test-model', timeoutMs: TIMEOUT_MS })

async function failure(promise: Promise<unknown>): Promise<LlmError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(LlmError)
  return error as LlmError
}

beforeAll(async () => {
  server = await startFakeOpenAi()
})
afterAll(() => server.close())
beforeEach(() => {
  server.requests.length = 0
  expect(server.pending()).toBe(0)
})

describe('createOpenAiLlm', () => {
  it('sends the model, messages, tools and tool_choice auto, with the key as a bearer token', async () => {
    server.enqueue(textResponse('Hello'))
    const messages: ChatMessage[] = [
      { role: 'system', content: 'sys' },
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: null, toolCalls: [{ id: 'c1', name: 'promotion_gap', arguments: '{}' }] },
      { role: 'tool', toolCallId: 'c1', content: '{"overall":64}' },
    ]
    expect(await llm().complete(messages, tools)).toEqual({ content: 'Hello', toolCalls: [] })
    const [request] = server.requests
    expect(request?.path).toBe('/v1/chat/completions')
    expect(request?.headers.authorization).toBe('Bearer sk-test-key')
    expect(request?.body).toMatchObject({
      model: 'test-model',
      tool_choice: 'auto',
      tools: [{ type: 'function', function: { name: 'promotion_gap', description: 'gap', parameters: tools[0]!.parameters } }],
      messages: [
        { role: 'system', content: 'sys' },
        { role: 'user', content: 'hi' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'c1', type: 'function', function: { name: 'promotion_gap', arguments: '{}' } }],
        },
        { role: 'tool', tool_call_id: 'c1', content: '{"overall":64}' },
      ],
    })
  })

  it('leaves tools and tool_choice out when there are no tools', async () => {
    server.enqueue(textResponse('ok'))
    await llm().complete([{ role: 'user', content: 'hi' }], [])
    expect(server.requests[0]?.body).not.toHaveProperty('tools')
    expect(server.requests[0]?.body).not.toHaveProperty('tool_choice')
  })

  it('maps tool calls, keeping malformed arguments as raw text for the core to judge', async () => {
    server.enqueue(
      toolCallResponse([
        { name: 'promotion_gap', arguments: '{"job_code": RD2', id: 'x1' },
        { name: 'my_tasks', arguments: {}, id: 'x2' },
      ]),
    )
    expect(await llm().complete([{ role: 'user', content: 'hi' }], tools)).toEqual({
      content: null,
      toolCalls: [
        { id: 'x1', name: 'promotion_gap', arguments: '{"job_code": RD2' },
        { id: 'x2', name: 'my_tasks', arguments: '{}' },
      ],
    })
  })

  it.each([
    ['HTTP 500', () => errorResponse(500), 'http', 500],
    ['HTTP 401', () => errorResponse(401, 'Incorrect API key provided'), 'http', 401],
    ['HTTP 429', () => errorResponse(429, 'Rate limit reached'), 'http', 429],
    ['a refusal', () => refusalResponse(), 'refusal', undefined],
    ['an empty message', () => textResponse('   '), 'empty', undefined],
    ['no choices', () => ({ body: { id: 'x', object: 'chat.completion', created: 0, model: 'm', choices: [] } }), 'empty', undefined],
  ] as const)('rejects %s with a coded LlmError', async (_name, response, code, status) => {
    server.enqueue(response())
    const error = await failure(llm().complete([{ role: 'user', content: 'hi' }], tools))
    expect(error.code).toBe(code)
    expect(error.status).toBe(status)
    // One request only: a person is waiting, so no retries.
    expect(server.requests).toHaveLength(1)
  })

  it('gives up after timeoutMs with code timeout', async () => {
    server.enqueue({ ...textResponse('too late'), delayMs: TOO_LATE_MS })
    const error = await failure(llm().complete([{ role: 'user', content: 'hi' }], tools))
    expect(error.code).toBe('timeout')
    expect(server.requests).toHaveLength(1)
  })

  it('stops when the caller aborts', async () => {
    server.enqueue({ ...textResponse('too late'), delayMs: TOO_LATE_MS })
    const controller = new AbortController()
    const pending = llm().complete([{ role: 'user', content: 'hi' }], tools, controller.signal)
    // Abort once the request is in flight: a fixed 20 ms could fire before it left under load,
    // leaving the scripted answer unconsumed for the next test.
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5))
    controller.abort()
    expect((await failure(pending)).code).toBe('aborted')
  })

  it('reports an unreachable endpoint as a connection error', async () => {
    const closed = await startFakeOpenAi()
    await closed.close()
    const unreachable = createOpenAiLlm({ apiKey: 'k', baseURL: closed.baseURL, model: 'm', timeoutMs: TIMEOUT_MS })
    expect((await failure(unreachable.complete([{ role: 'user', content: 'hi' }], tools))).code).toBe('connection')
  })
})
