// A local Socket Mode server speaking Slack's protocol: on connect it sends
// {"type":"hello"}; the test pushes envelopes ({envelope_id, payload, type, …});
// the client must answer each with {"envelope_id": …, "payload": …}.
import type { AddressInfo } from 'node:net'
import { type WebSocket, WebSocketServer } from 'ws'

export interface SocketAck {
  envelope_id: string
  payload?: unknown
}

export interface FakeSlackSocket {
  url: string
  /** Resolves once a client is connected and has been sent hello. */
  connected(): Promise<void>
  send(envelope: Record<string, unknown>): void
  waitForAck(envelopeId: string): Promise<SocketAck>
  acks: SocketAck[]
  /** Connections made so far, and how many are open now. */
  connectionCount(): number
  openCount(): number
  /** Resolves once `n` connections have been made. */
  waitForConnections(n: number): Promise<void>
  close(): Promise<void>
}

export async function startFakeSlackSocket(): Promise<FakeSlackSocket> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 })
  await new Promise<void>((resolve) => server.once('listening', resolve))
  const acks: SocketAck[] = []
  const ackWaiters = new Map<string, (ack: SocketAck) => void>()
  let client: WebSocket | undefined
  let onConnected: (() => void) | undefined
  const connected = new Promise<void>((resolve) => {
    onConnected = resolve
  })

  let connections = 0
  const connectionWaiters: { n: number; resolve: () => void }[] = []
  server.on('connection', (socket) => {
    client = socket
    connections++
    for (const w of connectionWaiters.splice(0)) {
      if (connections >= w.n) w.resolve()
      else connectionWaiters.push(w)
    }
    socket.on('message', (data) => {
      const ack = JSON.parse(String(data)) as SocketAck
      acks.push(ack)
      ackWaiters.get(ack.envelope_id)?.(ack)
    })
    socket.send(
      JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake' }, connection_info: { app_id: 'A0LADDER' } }),
    )
    onConnected?.()
  })

  const { port } = server.address() as AddressInfo
  return {
    url: `ws://127.0.0.1:${port}/link`,
    connected: () => connected,
    send(envelope) {
      if (!client) throw new Error('no Socket Mode client connected')
      client.send(JSON.stringify(envelope))
    },
    waitForAck(envelopeId) {
      const seen = acks.find((a) => a.envelope_id === envelopeId)
      if (seen) return Promise.resolve(seen)
      return new Promise((resolve) => ackWaiters.set(envelopeId, resolve))
    },
    acks,
    connectionCount: () => connections,
    openCount: () => [...server.clients].filter((c) => c.readyState === c.OPEN).length,
    waitForConnections: (n) =>
      connections >= n ? Promise.resolve() : new Promise<void>((resolve) => connectionWaiters.push({ n, resolve })),
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const socket of server.clients) socket.terminate()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}
