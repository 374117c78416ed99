// A copy of the data directory at any moment — the database file, its write-ahead
// log, a backup of both — must not link any anonymous 360 answer to fewer raters
// than its perspective's threshold (docs/feedback-360.md, "Threat model").
//
// Seven peers (threshold 3), two direct reports (threshold 3: hidden, as peers are
// shown alone), self and manager answer one by one; the cycle closes. An attacker
// replays every commit of the copies (test/support/wal-replay.ts) and, for each
// anonymous answer that appears in clear, lists the raters it could be from.
import { copyFileSync, existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { sqlitePath } from '../../adapters/db/migrate.js'
import { loadSqlite } from '../../adapters/db/sqlite-driver.js'
import { createPrismaStore } from '../../adapters/db/store.js'
import { createTestDb, type TestDb } from '../support/db.js'
import { NOW } from '../support/org.js'
import { committedStates, distinct, linkAnswers, narrowest, type Observation, observe } from '../support/wal-replay.js'
import { act, answers, buildFeedbackOrg, feedbackDeps } from './support.js'

const THRESHOLD = 3
const PEERS = ['tom', 'lin', 'kai', 'p1', 'p2', 'p3', 'p4']
const REPORTS = ['ann', 'bo']

let t: TestDb
beforeEach(async () => {
  t = await createTestDb()
})
afterEach(async () => t.close())

interface Copy {
  db: Buffer
  wal: Buffer
}

async function scenario(options: { pinReader: boolean }) {
  const org = await buildFeedbackOrg(t.db)
  for (const name of ['p1', 'p2', 'p3', 'p4'])
    await t.db.employee.create({ data: { email: `${name}@t.test`, name, nameEn: name, managerId: org.ids.mia, jobId: org.jobs.RD2 } })
  const deps = feedbackDeps(createPrismaStore(t.db), NOW)
  await act(deps, 'hana@t.test', 'submit_form', 'cycle:launch', {
    name: 'WAL 360',
    subjects: 'eve@t.test',
    opens: '2026-11-23',
    closes: '2026-12-07',
    perspectives: 'self,manager,peer,report',
    nomination: 'manager',
    peerCap: '8',
  })
  const cycle = await t.db.feedbackCycle.findFirstOrThrow()
  expect(cycle).toMatchObject({ peerThreshold: THRESHOLD, reportThreshold: THRESHOLD })
  await act(deps, 'mia@t.test', 'submit_form', `cycle:${cycle.id}:nominate:${org.ids.eve}`, {
    peers: PEERS.map((p) => `${p}@t.test`).join(','),
  })
  await act(deps, 'hana@t.test', 'submit_form', `cycle:${cycle.id}:open`)

  const path = sqlitePath(t.url)
  const copies: Copy[] = []
  const copy = () => {
    const target = join(t.dir, `copy-${copies.length}`)
    copyFileSync(path, `${target}.db`)
    const wal = existsSync(`${path}-wal`) ? readFileSync(`${path}-wal`) : Buffer.alloc(0)
    copies.push({ db: readFileSync(`${target}.db`), wal })
  }
  // A reader holding an old snapshot: no checkpoint can fold the log into the
  // file, so the log keeps every commit from here on, and the copies show each.
  const reader = options.pinReader ? new (loadSqlite())(path, { readonly: true }) : null
  reader?.prepare('BEGIN').run()
  reader?.prepare('SELECT count(*) FROM "Employee"').get()
  copy()

  const raterOf = new Map<string, string>() // strengths text → rater email
  const requests = await deps.store.feedback.requests(cycle.id, org.ids.eve)
  const byEmail = new Map((await t.db.employee.findMany()).map((e) => [e.email, e.id]))
  const order = [...PEERS.slice(0, 4), 'ann', ...PEERS.slice(4), 'eve', 'mia', 'bo']
  for (const [i, name] of order.entries()) {
    const email = `${name}@t.test`
    const request = requests.find((r) => r.raterId === byEmail.get(email))
    if (!request) throw new Error(`no request for ${email}`)
    const strengths = `STRENGTH-OF-${name.toUpperCase()}`
    raterOf.set(strengths, email)
    // Ratings alike for everyone: only the strengths text tells answers apart, as in the worst case.
    await act(deps, email, 'submit_form', `feedback:${request.id}`, answers(3, 3, 3, 3 + (i % 2), strengths))
    copy()
  }
  await act(deps, 'hana@t.test', 'submit_form', `cycle:${cycle.id}:close`)
  copy()
  reader?.prepare('COMMIT').run()
  reader?.close()

  const observations: Observation[] = distinct(copies.flatMap((c) => committedStates(c.db, c.wal).map(observe)))
  const links = narrowest(linkAnswers(observations))
  const idOf = (email: string) => byEmail.get(email) as number
  return { links, observations, copies, raterOf, idOf, org }
}

function expectNoNarrowLink(result: Awaited<ReturnType<typeof scenario>>) {
  const { links, raterOf, idOf } = result
  const raterOfLink = (link: (typeof links)[number]) => raterOf.get((JSON.parse(link.answers) as { strengths: string }).strengths) as string
  // No answer narrowed below the threshold (on the old design: each one to its single rater) …
  const narrow = links.filter((l) => l.candidates.length < THRESHOLD).map((l) => `${raterOfLink(l)} → ${l.candidates.length}`)
  expect(narrow).toEqual([])
  // … and the attack is sound: the true rater is always among the candidates.
  for (const link of links) expect(link.candidates).toContain(idOf(raterOfLink(link)))
  // Every peer's answer was released (7 ≥ 3, shown alone); the two reports' never were (hidden).
  expect(links.map((l) => l.label).sort()).toEqual(PEERS.map(() => 'peer'))
  // What the report never shows is never readable in any byte of any copy: sealed, then left sealed.
  for (const { db, wal } of result.copies)
    for (const name of REPORTS) {
      const secret = Buffer.from(`STRENGTH-OF-${name.toUpperCase()}`)
      expect(db.includes(secret) || wal.includes(secret), `${name}'s answer readable in a copy`).toBe(false)
    }
}

describe('a copy of the data directory cannot narrow an anonymous answer below the threshold', () => {
  it('with a reader pinning the log, so every commit stays in the copies', async () => {
    const result = await scenario({ pinReader: true })
    // Every commit was seen: a state per submission at least.
    expect(result.observations.length).toBeGreaterThan(11)
    expectNoNarrowLink(result)
  })

  it('with the log checkpointed and truncated as it happens, copied after every step', async () => {
    expectNoNarrowLink(await scenario({ pinReader: false }))
  })
})
