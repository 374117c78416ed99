// A submitted 360 answer is never lost and never asked for again, even when the
// process dies between the submission's transaction and the release of sealed
// answers (docs/feedback-360.md, "Threat model"): the answer is already stored,
// sealed, in the submitting transaction; the sweep (advanceCycles) or closing again
// releases it later, in another process, with the key from the key file.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../bot/config.js'
import { openRuntime, type Runtime } from '../../bot/runtime.js'
import { advanceCycles, feedbackReport } from '../../core/features/feedback/index.js'
import { createTestDb, type TestDb } from '../support/db.js'
import { NOW } from '../support/org.js'
import { act, actorOf, buildFeedbackOrg } from './support.js'

const child = new URL('./support/crash-child.ts', import.meta.url).pathname
const PEERS = ['tom', 'lin', 'kai', 'p1', 'p2', 'p3'].map((p) => `${p}@t.test`)

let t: TestDb
let keyDir: string
let runtime: Runtime
let cycleId: number
let eve: number

function run(...args: string[]): Promise<NodeJS.Signals | number | null> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', child, t.url, join(keyDir, 'seal.key'), NOW.toISOString(), ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let err = ''
    p.stderr.on('data', (d: Buffer) => (err += d.toString()))
    p.on('error', reject)
    p.on('exit', (code, signal) => (signal ? resolve(signal) : code === 0 ? resolve(0) : reject(new Error(`exited ${code}: ${err}`))))
  })
}

const deps = () => ({ ...runtime.deps, deliver: async () => {} })
const sealedCount = () => t.db.sealedAnswer.count({ where: { cycleId } })
const clearPeers = () => t.db.feedbackResponse.count({ where: { cycleId, perspective: 'peer' } })

beforeAll(async () => {
  t = await createTestDb()
  keyDir = mkdtempSync(join(tmpdir(), 'ladder-key-'))
  const org = await buildFeedbackOrg(t.db)
  eve = org.ids.eve
  for (const name of ['p1', 'p2', 'p3'])
    await t.db.employee.create({ data: { email: `${name}@t.test`, name, nameEn: name, managerId: org.ids.mia, jobId: org.jobs.RD2 } })
  const config = loadConfig({
    DATABASE_URL: t.url,
    FEEDBACK_SEAL_KEY_FILE: join(keyDir, 'seal.key'),
    LOG_LEVEL: 'silent',
  } as NodeJS.ProcessEnv)
  runtime = await openRuntime(config, { clock: { now: () => NOW } })
  await act(deps(), 'hana@t.test', 'submit_form', 'cycle:launch', {
    name: 'Crash 360',
    subjects: 'eve@t.test',
    opens: '2026-11-23',
    closes: '2026-12-07',
    perspectives: 'self,manager,peer,report',
    nomination: 'manager',
    peerCap: '8',
  })
  cycleId = (await t.db.feedbackCycle.findFirstOrThrow()).id
  await act(deps(), 'mia@t.test', 'submit_form', `cycle:${cycleId}:nominate:${eve}`, { peers: PEERS.join(',') })
  await act(deps(), 'hana@t.test', 'submit_form', `cycle:${cycleId}:open`)
})
afterAll(async () => {
  await runtime.close()
  await t.close()
  rmSync(keyDir, { recursive: true, force: true })
})

describe('a crash between a submission and the release of sealed answers', () => {
  it('the key file was generated once, outside the data directory, readable by its owner only', () => {
    expect(statSync(join(keyDir, 'seal.key')).mode & 0o777).toBe(0o600)
  })

  it('loses nothing: the sixth peer’s submission committed, its release never ran; the requests stay submitted', async () => {
    const requests = (await runtime.store.feedback.requests(cycleId, eve)).filter((r) => r.perspective === 'peer')
    const emailOf = new Map((await t.db.employee.findMany()).map((e) => [e.id, e.email]))
    const items = requests.map((r) => `${r.id}:${emailOf.get(r.raterId)}`)
    expect(await run('submit', ...items)).toBe('SIGKILL')
    // Six waiting is twice the threshold: a release of three was due, and never happened.
    expect(await sealedCount()).toBe(6)
    expect(await clearPeers()).toBe(0)
    const after = await runtime.store.feedback.requests(cycleId, eve)
    expect(after.filter((r) => r.perspective === 'peer').map((r) => r.status)).toEqual(PEERS.map(() => 'submitted'))
    const open = await t.db.evaluationTask.count({ where: { kind: 'rating_360', status: { in: ['open', 'overdue'] }, subjectId: eve } })
    expect(open).toBe(4) // self, manager and the two direct reports still owe; no peer is asked again
  })

  it('the sweep in another process releases what was due, with the key from the file', async () => {
    await advanceCycles(deps())
    expect(await clearPeers()).toBe(3)
    expect(await sealedCount()).toBe(3)
  })

  it('a close that dies before its release is finished by the sweep: every answer is in the report', async () => {
    expect(await run('close', String(cycleId))).toBe('SIGKILL')
    expect((await t.db.feedbackCycle.findUniqueOrThrow({ where: { id: cycleId } })).stage).toBe('closed')
    expect(await sealedCount()).toBe(3)
    await advanceCycles(deps())
    expect(await sealedCount()).toBe(0)
    expect(await clearPeers()).toBe(6)
    const d = deps()
    const result = await feedbackReport(d, await actorOf(d, 'mia@t.test'), { cycleId, subjectId: eve })
    if (result.kind !== 'report') throw new Error(result.kind)
    const peers = result.report.aggregate.groups.find((g) => g.group === 'peer')
    expect(peers?.count).toBe(6)
    expect(peers?.strengths).toEqual(PEERS.map((p) => `STRENGTH-OF-${p}`).sort())
    expect((await t.db.feedbackSubject.findFirstOrThrow({ where: { cycleId } })).resultsAt).not.toBeNull()
    const statuses = (await runtime.store.feedback.requests(cycleId, eve)).filter((r) => r.perspective === 'peer').map((r) => r.status)
    expect(statuses).toEqual(PEERS.map(() => 'submitted'))
  })
})
