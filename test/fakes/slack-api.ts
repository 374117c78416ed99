// A local stand-in for https://slack.com/api/: records every Web API call (and
// every POST to a response_url it handed out) and answers like Slack does —
// HTTP 200 with {ok:true,…} or {ok:false,error}, 429 with Retry-After, 500 when
// scripted. Point the real @slack/web-api at `apiUrl`. Posted messages are kept
// per channel (with their metadata) for conversations.open/history, and faults
// can be injected: answer late (after the message is posted) or never.
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface RecordedCall {
  method: string
  /** Request path, e.g. /api/chat.postMessage or /response/cmd000001. */
  path: string
  args: Record<string, unknown>
  headers: IncomingMessage['headers']
  /** What the fake answered: status and JSON body. */
  response: { status: number; body: unknown }
  /** When the call arrived (ms since the epoch). */
  at: number
}

export interface ScriptedFailure {
  status: number
  headers?: Record<string, string>
  body?: unknown
}

export interface FakeSlackUser {
  id: string
  email?: string
  isBot?: boolean
  /** real_name (and profile.real_name), as users.info answers it. */
  name?: string
  /** A deactivated account. */
  deleted?: boolean
}

/** A posted message as conversations.history returns it. */
export interface PostedMessage {
  channel: string
  ts: string
  text?: unknown
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> }
  /** The call's arrival (ms since the epoch, the fake's clock). */
  at: number
}

/** What the fake does to a call after carrying it out: answer late, or never. */
export interface Fault {
  delayMs?: number
  hang?: boolean
}

export interface FakeSlackApi {
  /** Messages posted (each chat.postMessage carried out), oldest first. */
  posted: PostedMessage[]
  /** From now on calls to `method` get this fault (null: none); `times` calls only when given. */
  fault(method: string, fault: Fault | null, times?: number): void
  apiUrl: string
  /** Base for response_url values: POSTs to `${responseUrlBase}<anything>` are recorded as method "response_url". */
  responseUrlBase: string
  calls: RecordedCall[]
  callsTo(method: string): RecordedCall[]
  /** Resolves with the first call to `method` (past or future) that matches. */
  waitFor(method: string, match?: (call: RecordedCall) => boolean): Promise<RecordedCall>
  /** The next calls to `method` fail like this, in order, before normal answers resume. */
  script(method: string, failures: ScriptedFailure[]): void
  /** Answer a method with this body (ok:true is added) instead of the default. */
  answer(method: string, body: Record<string, unknown> | ((args: Record<string, unknown>) => Record<string, unknown>)): void
  addUser(user: FakeSlackUser): void
  /** conversations.members pages: each inner array is one page. */
  setMembers(channelId: string, pages: string[][]): void
  close(): Promise<void>
}

export const FAKE_TEAM_ID = 'T0LADDER'
export const FAKE_BOT_USER_ID = 'U0LADDERBOT'
export const FAKE_BOT_ID = 'B0LADDERBOT'

function parseArgs(contentType: string | undefined, text: string): Record<string, unknown> {
  if ((contentType ?? '').includes('application/json')) return text ? (JSON.parse(text) as Record<string, unknown>) : {}
  // @slack/web-api sends form fields; objects and arrays (blocks, view) are JSON strings.
  const args: Record<string, unknown> = {}
  for (const [key, value] of new URLSearchParams(text)) {
    args[key] = /^[[{]/.test(value) ? JSON.parse(value) : value
  }
  return args
}

export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  const calls: RecordedCall[] = []
  const waiters: { method: string; match: (c: RecordedCall) => boolean; resolve: (c: RecordedCall) => void }[] = []
  const scripts = new Map<string, ScriptedFailure[]>()
  const answers = new Map<string, Record<string, unknown> | ((args: Record<string, unknown>) => Record<string, unknown>)>()
  const users = new Map<string, FakeSlackUser>()
  const members = new Map<string, string[][]>()
  let ts = 1_700_000_000
  const posted: PostedMessage[] = []
  const faults = new Map<string, { fault: Fault; left: number }>()
  /** A DM's channel: posting to a user id lands in the app's DM with them. */
  const dmOf = (channel: string): string => (channel.startsWith('U') || channel.startsWith('W') ? `D${channel.slice(1)}` : channel)

  function record(call: RecordedCall): void {
    calls.push(call)
    for (const waiter of [...waiters]) {
      if (waiter.method === call.method && waiter.match(call)) {
        waiters.splice(waiters.indexOf(waiter), 1)
        waiter.resolve(call)
      }
    }
  }

  function defaultAnswer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return {
          url: 'https://ladder-test.slack.com/',
          team: 'Ladder Test',
          user: 'ladder',
          team_id: FAKE_TEAM_ID,
          user_id: FAKE_BOT_USER_ID,
          bot_id: FAKE_BOT_ID,
        }
      case 'users.info': {
        const user = users.get(String(args.user))
        if (!user) return { ok: false, error: 'user_not_found' }
        return {
          user: {
            id: user.id,
            team_id: FAKE_TEAM_ID,
            is_bot: user.isBot ?? false,
            deleted: user.deleted ?? false,
            ...(user.name ? { name: user.name.toLowerCase().replace(/\s+/g, '.'), real_name: user.name } : {}),
            profile: { ...(user.email ? { email: user.email } : {}), ...(user.name ? { real_name: user.name } : {}) },
          },
        }
      }
      case 'chat.postMessage': {
        // Like Slack's: seconds since the epoch, unique (conversations.history filters on `oldest`).
        ts = Math.max(ts + 1, Date.now() * 1000)
        const channel = dmOf(String(args.channel))
        const message: PostedMessage = { channel, ts: (ts / 1_000_000).toFixed(6), text: args.text, at: Date.now() }
        if (args.metadata && typeof args.metadata === 'object') message.metadata = args.metadata as PostedMessage['metadata']
        posted.push(message)
        return { channel, ts: message.ts, message: { text: args.text } }
      }
      case 'conversations.open':
        return { channel: { id: dmOf(String(args.users)) } }
      case 'conversations.history': {
        const channel = String(args.channel)
        const oldest = Number(args.oldest ?? 0)
        const limit = Number(args.limit ?? 100)
        const withMetadata = String(args.include_all_metadata) === 'true'
        const messages = posted
          .filter((m) => m.channel === channel && Number(m.ts) >= oldest)
          .reverse()
          .slice(0, limit)
          .map((m) => ({ type: 'message', ts: m.ts, text: m.text, ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}) }))
        return { messages, has_more: false }
      }
      case 'chat.update':
        return { channel: args.channel, ts: args.ts }
      case 'chat.postEphemeral':
        return { message_ts: `${++ts}.000200` }
      case 'views.publish':
      case 'views.open':
        return { view: { id: `V${++ts}`, ...(args.view as object) } }
      case 'conversations.members': {
        const pages = members.get(String(args.channel))
        if (!pages) return { ok: false, error: 'channel_not_found' }
        const index = args.cursor ? Number(String(args.cursor).replace('page-', '')) : 0
        const next = index + 1 < pages.length ? `page-${index + 1}` : ''
        return { members: pages[index] ?? [], response_metadata: { next_cursor: next } }
      }
      default:
        return {}
    }
  }

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const url = request.url ?? '/'
      const isResponseUrl = url.startsWith('/response/')
      const method = isResponseUrl ? 'response_url' : url.replace(/^\/api\//, '').split('?')[0]!
      let args: Record<string, unknown>
      try {
        args = parseArgs(request.headers['content-type'], Buffer.concat(chunks).toString('utf8'))
      } catch {
        response.writeHead(400).end()
        return
      }
      const failure = scripts.get(method)?.shift()
      const custom = answers.get(method)
      const answer: { status: number; headers: Record<string, string>; body: unknown } = failure
        ? { status: failure.status, headers: failure.headers ?? {}, body: failure.body ?? { ok: false, error: 'scripted' } }
        : isResponseUrl
          ? { status: 200, headers: {}, body: { ok: true } }
          : {
              status: 200,
              headers: {},
              body: { ok: true, ...(custom ? (typeof custom === 'function' ? custom(args) : custom) : defaultAnswer(method, args)) },
            }
      record({ method, path: url, args, headers: request.headers, response: { status: answer.status, body: answer.body }, at: Date.now() })
      const injected = faults.get(method)
      const fault = injected && injected.left > 0 ? injected.fault : undefined
      if (injected && fault) injected.left--
      if (fault?.hang) return
      const reply = () => {
        if (response.destroyed) return
        response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers })
        response.end(JSON.stringify(answer.body))
      }
      if (fault?.delayMs) setTimeout(reply, fault.delayMs)
      else reply()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const base = `http://127.0.0.1:${port}`

  return {
    apiUrl: `${base}/api/`,
    posted,
    fault: (method, fault, times = Number.POSITIVE_INFINITY) => {
      if (fault) faults.set(method, { fault, left: times })
      else faults.delete(method)
    },
    responseUrlBase: `${base}/response/`,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    waitFor(method, match = () => true) {
      const seen = calls.find((c) => c.method === method && match(c))
      if (seen) return Promise.resolve(seen)
      return new Promise((resolve) => waiters.push({ method, match, resolve }))
    },
    script: (method, failures) => scripts.set(method, [...(scripts.get(method) ?? []), ...failures]),
    answer: (method, body) => answers.set(method, body),
    addUser: (user) => users.set(user.id, user),
    setMembers: (channelId, pages) => members.set(channelId, pages),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}
