// bot/server.ts loads fastify's JSON-schema compilers only when a route declares a
// schema (none does today): one that does must still be validated and serialized.
import { describe, expect, it } from 'vitest'
import { createLogger } from '../../bot/logger.js'
import type { Runtime } from '../../bot/runtime.js'
import { buildServer } from '../../bot/server.js'

describe('the server’s schema compilers, loaded on first use', () => {
  it('validate a body and serialize a response as fastify’s own do', async () => {
    const runtime = { log: createLogger({ LOG_LEVEL: 'silent' }), config: { LOG_LEVEL: 'silent' } } as unknown as Runtime
    const app = buildServer(runtime)
    app.post(
      '/echo',
      {
        schema: {
          body: { type: 'object', required: ['n'], properties: { n: { type: 'number' } } },
          response: { 200: { type: 'object', properties: { n: { type: 'number' } } } },
        },
      },
      async (request) => ({ n: (request.body as { n: number }).n, extra: 'dropped by the serializer' }),
    )
    await app.ready()
    const bad = await app.inject({ method: 'POST', url: '/echo', payload: { m: 1 } })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().message).toContain("must have required property 'n'")
    const good = await app.inject({ method: 'POST', url: '/echo', payload: { n: 2 } })
    expect(good.statusCode).toBe(200)
    expect(good.body).toBe('{"n":2}')
    await app.close()
  })
})
