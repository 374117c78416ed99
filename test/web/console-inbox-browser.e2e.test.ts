// A console-only install as its people use it, in Chromium: HR launches a 360
// for li.lei; her manager, console open, sees the nomination card arrive live in
// her inbox with the unread count, has it in her to-do list, nominates from the
// card; HR starts collecting; a rater waiting on the person picker sees their
// unread count rise and finds the rater card in their inbox. Needs Debian's
// chromium (see console-browser.e2e.test.ts); never skipped.
import type { FastifyInstance } from 'fastify'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemo } from '../../adapters/db/demo/index.js'
import { loadConfig } from '../../bot/config.js'
import { createDeliveryWorker, DEFAULT_DELIVERY_OPTIONS, type DeliveryWorker } from '../../bot/delivery.js'
import { type RunningPlatforms, startPlatforms } from '../../bot/platforms/index.js'
import { openRuntime, type Runtime } from '../../bot/runtime.js'
import { buildServer } from '../../bot/server.js'
import { flushBroadcastCounters } from '../../core/features/broadcasts/index.js'
import { createTestDb, type TestDb } from '../support/db.js'
import { hasChromium, launchChromium, requireChromium } from './browser.js'

const HR = 'wang.fang@demo.ladder'
const MANAGER = 'han.meimei@demo.ladder'
const SUBJECT = 'li.lei@demo.ladder'
const PEERS = ['zhao.qiang@demo.ladder', 'sun.li@demo.ladder', 'zheng.yu@demo.ladder']
const RATER = PEERS[0]!

let testDb: TestDb
let runtime: Runtime
let app: FastifyInstance
let platforms: RunningPlatforms
let worker: DeliveryWorker
let browser: Browser
const contexts: BrowserContext[] = []
let address: string
const pageProblems: string[] = []

beforeAll(async () => {
  if (!hasChromium()) return
  testDb = await createTestDb()
  await seedDemo(testDb.db, new Date())
  // No Slack, no Feishu: the console is the only platform, and everyone's inbox is there.
  runtime = await openRuntime(loadConfig({ DATABASE_URL: testDb.url, LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv))
  app = buildServer(runtime)
  platforms = await startPlatforms(app, runtime)
  worker = createDeliveryWorker(
    {
      outbox: runtime.store.outbox,
      messengers: runtime.messengers,
      clock: runtime.clock,
      log: runtime.log,
      flushCounters: () => flushBroadcastCounters(runtime.deps, { minIntervalMs: 0 }),
    },
    { ...DEFAULT_DELIVERY_OPTIONS, pollMs: 100, counterFlushMs: 100 },
  )
  worker.start()
  address = await app.listen({ port: 0, host: '127.0.0.1' })
  browser = await launchChromium()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await worker?.stop()
  await app?.close()
  await platforms?.stop()
  await runtime?.close()
  await testDb?.close()
})

/** A person's own browser (own cookies), on the console's picker. */
async function consoleFor(): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1100, height: 900 } })
  contexts.push(context)
  const page = await context.newPage()
  page.on('console', (message) => {
    if (message.type() === 'error') pageProblems.push(`${message.text()} (${message.location().url})`)
  })
  page.on('pageerror', (error) => pageProblems.push(error.message))
  await page.goto(`${address}/console`)
  await page.locator('#people [data-role="manager"] button').first().waitFor()
  return page
}

async function pick(page: Page, email: string) {
  await page.locator(`#people button[data-email="${email}"]`).click()
  await page.locator('#live.is-connected').waitFor()
}

async function ask(page: Page, question: string) {
  const before = await page.locator('#log > li.entry-bot').count()
  await page.fill('#ask', question)
  await page.press('#ask', 'Enter')
  const card = page.locator('#log > li.entry-bot').nth(before).locator('article.card')
  await card.waitFor()
  return card
}

/** What the console's forms and buttons post, from the page (the session's person acts). */
const act = (page: Page, actionId: string, value: string, values?: Record<string, string>) =>
  page.evaluate(
    async (body) => {
      const res = await fetch('/console/action', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
      return (await res.json()) as { append: string[]; replace?: string; toast?: { text: string } }
    },
    { actionId, value, ...(values ? { values } : {}) },
  )

const dayIn = (days: number) => new Date(Date.now() + days * 86_400_000).toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' })

describe('the console inbox on a console-only install, in a browser', () => {
  it('HR launches a 360: the manager sees the card live, nominates from it; the rater sees theirs', async () => {
    requireChromium()
    const manager = await consoleFor()
    await pick(manager, MANAGER)
    const rater = await consoleFor() // stays on the picker
    const raterBadge = rater.locator(`#people button[data-email="${RATER}"] .unread-badge`)
    expect(await raterBadge.isHidden()).toBe(true)

    // HR launches from the console: the nomination request is sent (to the manager's console inbox).
    const hr = await consoleFor()
    await pick(hr, HR)
    const launched = await act(hr, 'submit_form', 'cycle:launch', {
      name: '储备干部 360',
      subjects: SUBJECT,
      opens: dayIn(0),
      closes: dayIn(14),
      perspectives: 'self,manager,peer',
      nomination: 'manager',
      peerCap: '8',
    })
    const launchedHtml = [launched.replace ?? '', ...launched.append].join('')
    expect(launchedHtml).toContain('已发送 1 份提名邀请')
    const cycle = await testDb.db.feedbackCycle.findFirstOrThrow({ where: { name: '储备干部 360' } })
    const subject = await testDb.db.employee.findUniqueOrThrow({ where: { email: SUBJECT } })

    // The manager's open console: the card arrives live, the unread count with it.
    const pushed = manager.locator('#log > li.entry-push').filter({ hasText: '李雷' })
    await pushed.waitFor()
    await expect.poll(() => manager.locator('#inbox-count').textContent()).toBe('1')
    // Opening the inbox reads it.
    await manager.click('#inbox')
    await expect.poll(() => manager.locator('#inbox-count').isHidden()).toBe(true)
    // Her to-do list holds the nomination until she nominates.
    const tasks = await ask(manager, '我的待办')
    expect(await tasks.textContent()).toContain('为 李雷 提名评价人')

    // She nominates from the inbox card, acting as herself.
    await pushed.locator(`button[data-action-id="open_form"][data-action-value="cycle:${cycle.id}:nominate:${subject.id}"]`).click()
    const form = manager.locator(`#log form[data-form-key="cycle:${cycle.id}:nominate:${subject.id}"]`)
    await form.waitFor()
    await form.locator('textarea[name="peers"]').fill(PEERS.join('\n'))
    await form.locator('button[type="submit"]').click()
    await manager.locator('#log article.card.tone-success').waitFor()
    const han = await testDb.db.employee.findUniqueOrThrow({ where: { email: MANAGER } })
    expect(
      await testDb.db.feedbackRequest.count({
        where: { feedbackSubject: { cycleId: cycle.id }, perspective: 'peer', nominatedById: han.id },
      }),
    ).toBe(3)
    expect(await (await ask(manager, '我的待办')).textContent()).not.toContain('提名评价人')

    // HR starts collecting: the raters are asked; the one on the picker sees their count rise, live.
    const opened = await act(hr, 'submit_form', `cycle:${cycle.id}:open`)
    expect(JSON.stringify(opened)).not.toContain('"tone":"error"')
    await expect.poll(() => raterBadge.textContent(), { timeout: 15_000 }).toMatch(/^[1-9]\d*$/)
    await pick(rater, RATER)
    await rater.locator('#log > li.entry-push').filter({ hasText: '李雷' }).first().waitFor()

    expect(pageProblems).toEqual([])
  }, 120_000)

  it('HR broadcasts a course to a department: a member sees it live, enrols and finishes; HR’s counter follows', async () => {
    requireChromium()
    const member = await consoleFor()
    await pick(member, 'song.jia@demo.ladder')
    const hr = await consoleFor()
    await pick(hr, HR)
    // Marketing has no chat channel (there is no chat at all): HR names the department instead.
    const sent = await act(hr, 'submit_form', 'broadcast', { course: 'RT-102', channel: 'department:MKT', due: dayIn(10) })
    expect(sent.toast?.text).toBeTruthy()
    expect(JSON.stringify(sent)).not.toContain('"tone":"error"')

    // HR's copy, with the counter, arrives in HR's inbox; the member's card in hers, live.
    const counter = hr.locator('#log > li.entry-push').filter({ hasText: 'RT-102' })
    await counter.waitFor()
    expect(await counter.textContent()).toContain('0/3')
    const card = member.locator('#log > li.entry-push').filter({ hasText: 'RT-102' })
    await card.waitFor()
    await expect.poll(() => member.locator('#inbox-count').textContent()).toBe('1')

    // She enrols and reports it done from the card; the assignment follows, and HR's counter with it.
    await card.locator('button[data-action-id="enrol"]').click()
    await member.locator('#toast.toast-success').waitFor()
    await card.locator('button[data-action-id="training_done"]').click()
    const song = await testDb.db.employee.findUniqueOrThrow({ where: { email: 'song.jia@demo.ladder' } })
    await expect
      .poll(
        async () => (await testDb.db.trainingAssignment.findFirst({ where: { employeeId: song.id, course: { code: 'RT-102' } } }))?.status,
      )
      .toBe('completed')
    await expect.poll(() => counter.textContent(), { timeout: 15_000 }).toContain('1/3')

    expect(pageProblems).toEqual([])
  }, 120_000)
})
