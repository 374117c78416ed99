// A local fake of the Feishu Open API on 127.0.0.1 (random port), for the real
// SDK Client with `domain` set to its URL. It records every call, answers the
// endpoints Ladder uses with the documented shapes, and can be scripted to fail
// (429 + x-ogw-ratelimit-reset, 400 code 99991400/230020, 500, …).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface RecordedCall {
  method: string
  path: string
  query: Record<string, string>
  /** Every value of each query parameter (the SDK repeats user_ids=…&user_ids=…). */
  queryAll?: Record<string, string[]>
  authorization?: string
  body: unknown
  /** When the call arrived (ms since the epoch). */
  at?: number
}

export interface ScriptedAnswer {
  status: number
  body: unknown
  headers?: Record<string, string>
}

export interface FakeUser {
  name?: string
  email?: string
  enterprise_email?: string
}

export interface FakeFeishuOptions {
  appId: string
  appSecret: string
  botOpenId?: string
  users?: Record<string, FakeUser>
  chats?: Record<string, string[]>
  membersPageSize?: number
}

export interface SentCard {
  messageId: string
  chatId: string
  /** The card JSON as Feishu would parse it from the `content` string. */
  card: unknown
}

export type RouteHandler = (call: RecordedCall) => ScriptedAnswer | Promise<ScriptedAnswer>

/** What the fake does to a message send after carrying it out: answer late, or never. */
export interface FeishuFault {
  delayMs?: number
  hang?: boolean
}

export interface FakeFeishu {
  url: string
  /** From now on message sends (POST im/v1/messages, replies) get this fault (null: none); `times` sends only when given. */
  fault(fault: FeishuFault | null, times?: number): void
  /** Sends Feishu dropped as repeats of a uuid it had seen (within its one-hour window). */
  deduplicated: number
  server: Server
  calls: RecordedCall[]
  callsTo(method: string, path: RegExp): RecordedCall[]
  /** Answers the next matching calls with these, in order, before the normal answer resumes. */
  script(method: string, path: RegExp, answers: ScriptedAnswer[]): void
  route(method: string, path: string, handler: RouteHandler): void
  users: Record<string, FakeUser>
  /** Group chats and their members' open_ids: set or change them while running. */
  chats: Record<string, string[]>
  messages: Map<string, SentCard>
  tenantToken: string
  close(): Promise<void>
}

const json = (status: number, body: unknown, headers?: Record<string, string>): ScriptedAnswer => ({
  status,
  body,
  ...(headers ? { headers } : {}),
})

export async function startFakeFeishu(options: FakeFeishuOptions): Promise<FakeFeishu> {
  const calls: RecordedCall[] = []
  const scripts: { method: string; path: RegExp; answers: ScriptedAnswer[] }[] = []
  const routes = new Map<string, RouteHandler>()
  const users = { ...options.users }
  const chats = options.chats ?? {}
  const messages = new Map<string, SentCard>()
  const tenantToken = 't-fake-tenant-token'
  const botOpenId = options.botOpenId ?? 'ou_ladder_bot'
  let nextId = 1
  /** Feishu's dedupe: a send with a uuid seen within the hour answers with the first message, and posts nothing. */
  const byUuid = new Map<string, ScriptedAnswer>()
  let deduplicated = 0
  let fault: { fault: FeishuFault; left: number } | null = null
  const isSend = (call: RecordedCall) =>
    call.method === 'POST' && (call.path === '/open-apis/im/v1/messages' || /^\/open-apis\/im\/v1\/messages\/[^/]+\/reply$/.test(call.path))

  function recordCard(chatId: string, content: unknown): ScriptedAnswer {
    const messageId = `om_fake_${nextId++}`
    const card = typeof content === 'string' ? JSON.parse(content) : content
    messages.set(messageId, { messageId, chatId, card })
    return json(200, {
      code: 0,
      msg: 'success',
      data: {
        message_id: messageId,
        chat_id: chatId,
        msg_type: 'interactive',
        body: { content },
        sender: { id: options.appId, id_type: 'app_id', sender_type: 'app' },
      },
    })
  }

  function answer(call: RecordedCall): ScriptedAnswer | Promise<ScriptedAnswer> {
    const custom = routes.get(`${call.method} ${call.path}`)
    if (custom) return custom(call)
    if (call.method === 'POST' && call.path === '/open-apis/auth/v3/tenant_access_token/internal') {
      const body = call.body as { app_id?: string; app_secret?: string }
      if (body.app_id !== options.appId || body.app_secret !== options.appSecret)
        return json(400, { code: 10014, msg: 'app secret invalid' })
      return json(200, { code: 0, msg: 'ok', tenant_access_token: tenantToken, expire: 7200 })
    }
    if (call.path.startsWith('/open-apis/') && call.authorization !== `Bearer ${tenantToken}`) {
      return json(400, { code: 99991663, msg: 'Invalid access token for authorization' })
    }
    const body = (call.body ?? {}) as Record<string, unknown>
    if (call.method === 'GET' && call.path === '/open-apis/bot/v3/info') {
      return json(200, {
        code: 0,
        msg: 'ok',
        bot: { activate_status: 2, app_name: 'Ladder', avatar_url: '', ip_white_list: [], open_id: botOpenId },
      })
    }
    const uuid = typeof body.uuid === 'string' ? body.uuid : undefined
    if (uuid && isSend(call) && byUuid.has(uuid)) {
      deduplicated++
      return byUuid.get(uuid)!
    }
    if (call.method === 'POST' && call.path === '/open-apis/im/v1/messages') {
      const type = call.query.receive_id_type
      if (type !== 'open_id' && type !== 'chat_id') return json(400, { code: 230001, msg: 'invalid receive_id_type' })
      if (typeof body.content !== 'string') return json(400, { code: 230001, msg: 'content must be a string' })
      const receiveId = String(body.receive_id)
      const sent = recordCard(type === 'chat_id' ? receiveId : `oc_p2p_${receiveId}`, body.content)
      if (uuid) byUuid.set(uuid, sent)
      return sent
    }
    let match = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/reply$/.exec(call.path)
    if (call.method === 'POST' && match) {
      const parent = messages.get(match[1]!)
      const sent = recordCard(parent?.chatId ?? 'oc_unknown_chat', body.content)
      if (uuid) byUuid.set(uuid, sent)
      return sent
    }
    match = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/urgent_app$/.exec(call.path)
    if (call.method === 'PATCH' && match) {
      // 加急: only the bot's own messages, open_ids here; unknown users come back as invalid.
      if (call.query.user_id_type !== 'open_id') return json(400, { code: 99992402, msg: 'field validation failed' })
      const list = (body as { user_id_list?: unknown }).user_id_list
      if (!Array.isArray(list) || list.length === 0) return json(400, { code: 99992402, msg: 'field validation failed' })
      if (!messages.has(match[1]!)) return json(400, { code: 230001, msg: 'invalid message_id' })
      return json(200, { code: 0, msg: 'success', data: { invalid_user_id_list: [] } })
    }
    match = /^\/open-apis\/im\/v1\/messages\/([^/]+)$/.exec(call.path)
    if (call.method === 'PATCH' && match) {
      const existing = messages.get(match[1]!)
      if (existing && typeof body.content === 'string') existing.card = JSON.parse(body.content)
      return json(200, { code: 0, msg: 'success', data: {} })
    }
    if (call.method === 'GET' && call.path === '/open-apis/contact/v3/users/batch') {
      // contact/v3/users/batch: at most 50 ids; users the app may not see are simply absent.
      const ids = call.queryAll?.user_ids ?? []
      if (ids.length === 0 || ids.length > 50) return json(400, { code: 99992402, msg: 'field validation failed' })
      const items = ids.flatMap((id) => {
        const user = users[id]
        return user ? [{ open_id: id, name: user.name ?? id, status: { is_activated: true, is_resigned: false }, ...user }] : []
      })
      return json(200, { code: 0, msg: 'success', data: { items } })
    }
    match = /^\/open-apis\/contact\/v3\/users\/([^/]+)$/.exec(call.path)
    if (call.method === 'GET' && match) {
      const user = users[decodeURIComponent(match[1]!)]
      if (!user) return json(400, { code: 41050, msg: 'no user authority error' })
      return json(200, { code: 0, msg: 'success', data: { user: { open_id: match[1], ...user } } })
    }
    if (call.method === 'GET' && call.path === '/open-apis/im/v1/chats') {
      // The groups the bot is in (direct chats are never listed), one page of everything.
      const items = Object.keys(chats).map((id) => ({ chat_id: id, name: `Group ${id}`, chat_status: 'normal' }))
      return json(200, { code: 0, msg: 'success', data: { items, page_token: '', has_more: false } })
    }
    match = /^\/open-apis\/im\/v1\/chats\/([^/]+)$/.exec(call.path)
    if (call.method === 'GET' && match) {
      // Direct chats are the ones messages to an open_id land in (oc_p2p_…); groups are the configured chats.
      const chatId = decodeURIComponent(match[1]!)
      if (chatId.startsWith('oc_p2p')) return json(200, { code: 0, msg: 'success', data: { chat_mode: 'p2p', chat_type: 'private' } })
      if (chats[chatId]) return json(200, { code: 0, msg: 'success', data: { chat_mode: 'group', chat_type: 'private', name: chatId } })
      return json(400, { code: 232010, msg: 'Operator and chat can NOT be in different tenants.' })
    }
    match = /^\/open-apis\/im\/v1\/chats\/([^/]+)\/members$/.exec(call.path)
    if (call.method === 'GET' && match) {
      const members = chats[match[1]!]
      if (!members) return json(400, { code: 232011, msg: 'Operator and chat can NOT be in different tenants.' })
      const size = options.membersPageSize ?? 100
      const start = call.query.page_token ? Number(call.query.page_token) : 0
      const page = members.slice(start, start + size)
      const hasMore = start + size < members.length
      return json(200, {
        code: 0,
        msg: 'success',
        data: {
          items: page.map((id) => ({ member_id_type: 'open_id', member_id: id, name: id, tenant_key: 'tenant' })),
          page_token: hasMore ? String(start + size) : '',
          has_more: hasMore,
          member_total: members.length,
        },
      })
    }
    return json(404, { code: 404, msg: `fake feishu has no ${call.method} ${call.path}` })
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const text = Buffer.concat(chunks).toString('utf8')
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    let body: unknown
    if (text !== '') {
      try {
        body = JSON.parse(text)
      } catch {
        body = text
      }
    }
    const call: RecordedCall = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      queryAll: [...url.searchParams.keys()].reduce<Record<string, string[]>>(
        (all, key) => Object.assign(all, { [key]: url.searchParams.getAll(key) }),
        {},
      ),
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      body,
      at: Date.now(),
    }
    calls.push(call)
    const scripted = scripts.find((s) => s.method === call.method && s.path.test(call.path) && s.answers.length > 0)
    const result = scripted ? scripted.answers.shift()! : await answer(call)
    const injected = fault && fault.left > 0 && isSend(call) ? fault : null
    if (injected) injected.left--
    if (injected?.fault.hang) return
    const reply = () => {
      if (res.destroyed) return
      res.writeHead(result.status, { 'content-type': 'application/json; charset=utf-8', ...result.headers })
      res.end(JSON.stringify(result.body))
    }
    if (injected?.fault.delayMs) setTimeout(reply, injected.fault.delayMs)
    else reply()
  }

  const server = createServer((req, res) => {
    onRequest(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ code: 500, msg: String(error) }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    fault: (next, times = Number.POSITIVE_INFINITY) => {
      fault = next ? { fault: next, left: times } : null
    },
    get deduplicated() {
      return deduplicated
    },
    server,
    calls,
    callsTo: (method, path) => calls.filter((c) => c.method === method && path.test(c.path)),
    script: (method, path, answers) => void scripts.push({ method, path, answers: [...answers] }),
    route: (method, path, handler) => void routes.set(`${method} ${path}`, handler),
    users,
    chats,
    messages,
    tenantToken,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}
