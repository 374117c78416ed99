// With LOG_LEVEL=debug fastify logs a line per request: the console token in
// /console?token=… must not reach the log, and TRUST_PROXY decides whose
// address is logged.
import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { createLogger } from '../../bot/logger.js'
import type { Runtime } from '../../bot/runtime.js'
import { buildServer } from '../../bot/server.js'

async function logged(trustProxy: boolean | string[], request: { url: string; headers?: Record<string, string> }): Promise<string> {
  const lines: string[] = []
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk))
      done()
    },
  })
  const runtime = {
    log: createLogger({ LOG_LEVEL: 'debug' }, sink),
    config: { LOG_LEVEL: 'debug', TRUST_PROXY: trustProxy },
  } as unknown as Runtime
  const app = buildServer(runtime)
  app.get('/console', async () => 'ok')
  await app.ready()
  await app.inject({ method: 'GET', remoteAddress: '127.0.0.1', ...request })
  await app.close()
  return lines.join('')
}

describe('request log lines', () => {
  it('never carry the console token', async () => {
    const log = await logged(false, { url: '/console?lang=en&token=s3cret-t0ken' })
    expect(log).toContain('incoming request')
    expect(log).toContain('/console?lang=en&token=[redacted]')
    expect(log).not.toContain('s3cret-t0ken')
  })

  it('name the client a trusted proxy reports, and the socket otherwise', async () => {
    const headers = { 'x-forwarded-for': '203.0.113.7' }
    expect(await logged(['loopback'], { url: '/console', headers })).toContain('"remoteAddress":"203.0.113.7"')
    expect(await logged(false, { url: '/console', headers })).toContain('"remoteAddress":"127.0.0.1"')
  })
})
