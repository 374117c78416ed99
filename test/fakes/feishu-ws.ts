// The Feishu long connection as the SDK's WSClient speaks it, on the fake API
// server: POST /callback/ws/endpoint hands out a ws:// URL; frames are protobuf
// `pbbp2.Frame`s (SeqID=1, LogID=2, service=3, method=4 [0 control, 1 data],
// headers=5 [{key=1, value=2}], payload=8). An event is a data frame with
// headers type=event, message_id, sum, seq, trace_id; the client answers with
// the same frame whose payload is {"code":200,"data":base64(JSON(result))}.
import { type WebSocket, WebSocketServer } from 'ws'
import type { FakeFeishu } from './feishu-api.js'

export interface Frame {
  SeqID: number
  LogID: number
  service: number
  method: number
  headers: { key: string; value: string }[]
  payload?: Uint8Array
}

// --- a minimal protobuf codec for pbbp2.Frame (varints and length-delimited fields) ---

function varint(n: number): number[] {
  const out: number[] = []
  let v = n
  do {
    let byte = v % 128
    v = Math.floor(v / 128)
    if (v > 0) byte |= 0x80
    out.push(byte)
  } while (v > 0)
  return out
}

const field = (no: number, wire: 0 | 2): number[] => varint((no << 3) | wire)
const bytesField = (no: number, bytes: Uint8Array): number[] => [...field(no, 2), ...varint(bytes.length), ...bytes]
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s)

export function encodeFrame(frame: Frame): Uint8Array {
  const out: number[] = [
    ...field(1, 0),
    ...varint(frame.SeqID),
    ...field(2, 0),
    ...varint(frame.LogID),
    ...field(3, 0),
    ...varint(frame.service),
    ...field(4, 0),
    ...varint(frame.method),
  ]
  for (const h of frame.headers)
    out.push(...bytesField(5, new Uint8Array([...bytesField(1, utf8(h.key)), ...bytesField(2, utf8(h.value))])))
  if (frame.payload) out.push(...bytesField(8, frame.payload))
  return new Uint8Array(out)
}

function readFields(buf: Uint8Array): { no: number; value: number | Uint8Array }[] {
  const fields: { no: number; value: number | Uint8Array }[] = []
  let i = 0
  const readVarint = (): number => {
    let result = 0
    let scale = 1
    for (;;) {
      const byte = buf[i++]!
      result += (byte & 0x7f) * scale
      if ((byte & 0x80) === 0) return result
      scale *= 128
    }
  }
  while (i < buf.length) {
    const key = readVarint()
    const no = Math.floor(key / 8)
    const wire = key % 8
    if (wire === 0) fields.push({ no, value: readVarint() })
    else if (wire === 2) {
      const length = readVarint()
      fields.push({ no, value: buf.subarray(i, i + length) })
      i += length
    } else throw new Error(`unexpected wire type ${wire}`)
  }
  return fields
}

export function decodeFrame(buf: Uint8Array): Frame {
  const frame: Frame = { SeqID: 0, LogID: 0, service: 0, method: 0, headers: [] }
  const text = (b: number | Uint8Array): string => new TextDecoder().decode(b as Uint8Array)
  for (const { no, value } of readFields(buf)) {
    if (no === 1) frame.SeqID = value as number
    else if (no === 2) frame.LogID = value as number
    else if (no === 3) frame.service = value as number
    else if (no === 4) frame.method = value as number
    else if (no === 5) {
      const header = { key: '', value: '' }
      for (const f of readFields(value as Uint8Array)) {
        if (f.no === 1) header.key = text(f.value)
        if (f.no === 2) header.value = text(f.value)
      }
      frame.headers.push(header)
    } else if (no === 8) frame.payload = value as Uint8Array
  }
  return frame
}

// --- the fake server side ---

export interface FakeLongConnection {
  /** Resolves when a client is connected and reading (it has sent its first ping). */
  connected(): Promise<void>
  /** Pushes an event (split into `fragments` frames) and resolves with the client's answer. */
  sendEvent(envelope: unknown, options?: { fragments?: number }): Promise<{ code: number; data?: unknown }>
  pings: number
  close(): Promise<void>
}

const SERVICE_ID = 7

export function attachFakeLongConnection(fake: FakeFeishu, credentials: { appId: string; appSecret: string }): FakeLongConnection {
  const wss = new WebSocketServer({ noServer: true })
  const sockets: WebSocket[] = []
  const waiting = new Map<string, (answer: { code: number; data?: unknown }) => void>()
  const whenConnected: (() => void)[] = []
  let pings = 0
  let nextMessage = 1

  fake.route('POST', '/callback/ws/endpoint', (call) => {
    const body = call.body as { AppID?: string; AppSecret?: string }
    if (body.AppID !== credentials.appId || body.AppSecret !== credentials.appSecret)
      return { status: 200, body: { code: 514, msg: 'auth failed' } }
    const port = new URL(fake.url).port
    return {
      status: 200,
      body: {
        code: 0,
        msg: 'ok',
        data: {
          URL: `ws://127.0.0.1:${port}/ws?device_id=dev_1&service_id=${SERVICE_ID}`,
          ClientConfig: { PingInterval: 120, ReconnectCount: -1, ReconnectInterval: 120, ReconnectNonce: 30 },
        },
      },
    }
  })

  fake.server.on('upgrade', (request, socket, head) => {
    if (!request.url?.startsWith('/ws')) return socket.destroy()
    wss.handleUpgrade(request, socket, head, (ws) => {
      sockets.push(ws)
      ws.on('message', (data: Buffer) => {
        const frame = decodeFrame(new Uint8Array(data))
        const header = (key: string) => frame.headers.find((h) => h.key === key)?.value
        if (frame.method === 0 && header('type') === 'ping') {
          pings++
          // The SDK pings from its 'open' handler and attaches its message listener just
          // after: a first ping means frames sent from now on are read.
          for (const f of whenConnected.splice(0)) f()
          return
        }
        const id = header('message_id')
        const resolve = id ? waiting.get(id) : undefined
        if (!resolve || !frame.payload) return
        waiting.delete(id!)
        const answer = JSON.parse(new TextDecoder().decode(frame.payload)) as { code: number; data?: string }
        resolve({ code: answer.code, ...(answer.data ? { data: JSON.parse(Buffer.from(answer.data, 'base64').toString('utf8')) } : {}) })
      })
    })
  })

  return {
    connected: () => (pings > 0 ? Promise.resolve() : new Promise((resolve) => whenConnected.push(resolve))),
    sendEvent(envelope, options = {}) {
      const socket = sockets.find((s) => s.readyState === s.OPEN)
      if (!socket) return Promise.reject(new Error('no long connection open'))
      const id = `msg_${nextMessage++}`
      const bytes = utf8(JSON.stringify(envelope))
      const parts = options.fragments ?? 1
      const size = Math.ceil(bytes.length / parts)
      const answer = new Promise<{ code: number; data?: unknown }>((resolve) => waiting.set(id, resolve))
      for (let seq = 0; seq < parts; seq++) {
        const frame: Frame = {
          SeqID: seq,
          LogID: 0,
          service: SERVICE_ID,
          method: 1,
          headers: [
            { key: 'type', value: 'event' },
            { key: 'message_id', value: id },
            { key: 'sum', value: String(parts) },
            { key: 'seq', value: String(seq) },
            { key: 'trace_id', value: `trace_${id}` },
          ],
          payload: bytes.subarray(seq * size, (seq + 1) * size),
        }
        socket.send(encodeFrame(frame))
      }
      return answer
    },
    get pings() {
      return pings
    },
    async close() {
      for (const s of sockets) s.terminate()
      await new Promise<void>((resolve) => wss.close(() => resolve()))
    },
  }
}
