// The console's JSON routes under a fixed-seed fuzz of malformed bodies: 4xx
// for what cannot be read, never a 5xx and no error-level log line.
import { describe, expect, it } from 'vitest'
import { consoleCase, generate, random, runCases } from '../support/fuzz.js'
import { createConsoleApp, login } from './console-app.js'

describe('console JSON routes, fuzzed', () => {
  it('300 mutated, unreadable or session-less bodies: no 5xx, no error-level log line', async () => {
    const c = await createConsoleApp()
    try {
      const cookie = await login(c.app, 'li.lei@demo.ladder')
      const tally = await runCases(
        c.app,
        generate(random(41), 300, (rng) => consoleCase(rng, cookie)),
      )
      expect(tally.failures.map((f) => `${f.status} ${f.request.endpoint} ${f.request.mutation}`)).toEqual([])
      expect(c.log.lines.filter((e) => e.level === 'error').map((e) => e.msg)).toEqual([])
    } finally {
      await c.close()
    }
  })
})
