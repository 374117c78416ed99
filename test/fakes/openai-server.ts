// A local OpenAI-compatible chat completions endpoint for tests: the real `openai`
// client talks to it over loopback. It answers from a queue of scripted
// responses and records every request, so tests can assert what the model saw.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface RecordedRequest {
  method: string
  path: string
  headers: IncomingHttpHeaders
  /** The parsed JSON body (null when it was not JSON). */
  body: ChatRequestBody | null
}

/** The parts of a chat completions request the tests look at. */
export interface ChatRequestBody {
  model: string
  messages: {
    role: string
    content: string | null
    tool_call_id?: string
    tool_calls?: { id: string; function: { name: string; arguments: string } }[]
  }[]
  tools?: { type: string; function: { name: string; description: string; parameters: Record<string, unknown> } }[]
  tool_choice?: unknown
  [key: string]: unknown
}

export type Scripted =
  | { status?: number; body: unknown; delayMs?: number }
  /** Answer with whatever the function returns, given the request. */
  | ((request: RecordedRequest) => { status?: number; body: unknown; delayMs?: number })

export interface FakeOpenAi {
  /** Base URL for the client, e.g. http://127.0.0.1:40123/v1 */
  baseURL: string
  requests: RecordedRequest[]
  /** Queues responses, answered in order, one per request. */
  enqueue(...responses: Scripted[]): void
  /** Scripted responses not yet used. */
  pending(): number
  close(): Promise<void>
}

let nextId = 0

/** A completion whose message calls tools. `arguments` is sent as given (a string may be malformed on purpose). */
export function toolCallResponse(calls: { name: string; arguments: string | object; id?: string }[], content: string | null = null) {
  return {
    body: completion(
      {
        role: 'assistant',
        content,
        tool_calls: calls.map((c) => ({
          id: c.id ?? `call_${++nextId}`,
          type: 'function',
          function: { name: c.name, arguments: typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments) },
        })),
      },
      'tool_calls',
    ),
  }
}

/** A completion whose message is plain text. */
export function textResponse(text: string) {
  return { body: completion({ role: 'assistant', content: text, refusal: null }, 'stop') }
}

/** The model declines (the refusal field, as OpenAI sends it). */
export function refusalResponse(text = 'I can’t help with that.') {
  return { body: completion({ role: 'assistant', content: null, refusal: text }, 'stop') }
}

/** An error in OpenAI's error envelope. */
export function errorResponse(status: number, message = 'The server had an error while processing your request.') {
  return { status, body: { error: { message, type: 'server_error', param: null, code: null } } }
}

function completion(message: Record<string, unknown>, finishReason: string) {
  return {
    id: `chatcmpl-${++nextId}`,
    object: 'chat.completion',
    created: 1_764_000_000,
    model: 'fake-model',
    choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason }],
    usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

function parse(raw: string): ChatRequestBody | null {
  try {
    return JSON.parse(raw) as ChatRequestBody
  } catch {
    return null
  }
}

export async function startFakeOpenAi(): Promise<FakeOpenAi> {
  const queue: Scripted[] = []
  const requests: RecordedRequest[] = []

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(JSON.stringify(body))
  }

  const server = createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req)
      const request: RecordedRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: parse(raw) }
      requests.push(request)
      if (req.method !== 'POST' || request.path !== '/v1/chat/completions') return send(res, 404, { error: { message: 'not found' } })
      const next = queue.shift()
      // An unscripted call is a test bug: answer so that the test fails loudly, not hangs.
      if (!next) return send(res, 500, { error: { message: 'fake OpenAI server: no scripted response left' } })
      const scripted = typeof next === 'function' ? next(request) : next
      if (!scripted.delayMs) return send(res, scripted.status ?? 200, scripted.body)
      // A slow model: answer late, unless the client has already given up and closed the socket.
      const timer = setTimeout(() => send(res, scripted.status ?? 200, scripted.body), scripted.delayMs)
      res.on('close', () => clearTimeout(timer))
    })()
  })

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue: (...responses) => void queue.push(...responses),
    pending: () => queue.length,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((err) => (err ? reject(err) : resolve()))
      }),
  }
}
