// Ports for the servers tests start.
import { createServer } from 'node:net'

/**
 * A port free on 127.0.0.1 a moment ago. Nothing holds it once this returns, so a
 * parallel test may take it: use it where nothing should be listening, or for a child
 * that is started again on another port when it cannot bind. A Ladder server takes
 * PORT=0 instead and says what it bound (boundPort).
 */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })

/** The port in a Ladder server's (bot/main.ts) start-up line, `Ladder is listening on http://HOST:PORT`, once logged. */
export function boundPort(output: string): number | undefined {
  const line = /Ladder is listening on http:\/\/[^\s:]+:(\d+)/.exec(output)
  return line ? Number(line[1]) : undefined
}
