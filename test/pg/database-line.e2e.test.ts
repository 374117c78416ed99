// One clear line when the PostgreSQL server cannot be used: real failures from a real
// server (and a port nothing listens on), naming host, port and database, never the password.
import { describe, expect, inject, it } from 'vitest'
import { databaseFailureLine } from '../../adapters/db/db-errors.js'
import { migrate } from '../../adapters/db/migrate.js'
import { freePort } from '../support/ports.js'

const SECRET = 'not-the-password-9f3'

async function failureOf(url: string): Promise<string | null> {
  const error = await migrate(url).then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).not.toBeNull()
  return databaseFailureLine(error, url)
}

describe('a PostgreSQL database Ladder cannot use', () => {
  const server = new URL(inject('postgresUrl'))

  it('nothing listening', async () => {
    const port = await freePort()
    const line = await failureOf(`postgresql://ladder:${SECRET}@127.0.0.1:${port}/ladder`)
    expect(line).toBe(
      `ladder: cannot use the PostgreSQL database "ladder" on 127.0.0.1:${port} as user "ladder": nothing accepts connections there (is PostgreSQL running, and are the host and port right?) (ECONNREFUSED)`,
    )
  })

  it('a wrong password', async () => {
    const url = `postgresql://postgres:${SECRET}@${server.host}/postgres`
    const line = await failureOf(url)
    expect(line).toBe(
      `ladder: cannot use the PostgreSQL database "postgres" on ${server.host} as user "postgres": authentication failed (check the user and password in DATABASE_URL) (28P01)`,
    )
    expect(line).not.toContain(SECRET)
  })

  it('no such database', async () => {
    const url = new URL(server)
    url.pathname = '/ladder_missing'
    const line = await failureOf(url.toString())
    expect(line).toBe(
      `ladder: cannot use the PostgreSQL database "ladder_missing" on ${server.host} as user "postgres": the database does not exist (create it, e.g. createdb, or fix its name in DATABASE_URL) (3D000)`,
    )
    expect(line).not.toContain(server.password)
  })
})
