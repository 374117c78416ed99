// The console as a person uses it: the real server (openRuntime + buildServer +
// startWeb) on a seeded SQLite file, driven by headless Chromium. Needs Debian's
// chromium (see the error below); never skipped.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemo } from '../../adapters/db/demo/index.js'
import { loadConfig } from '../../bot/config.js'
import { type RunningWeb, startWeb, webDestination } from '../../bot/platforms/web.js'
import { openRuntime, type Runtime } from '../../bot/runtime.js'
import { buildServer } from '../../bot/server.js'
import { makeCard } from '../../core/kernel/cards/build.js'
import { createTestDb, type TestDb } from '../support/db.js'
import { hasChromium, launchChromium, requireChromium } from './browser.js'

const LI = 'li.lei@demo.ladder'
const HAN = 'han.meimei@demo.ladder'
const ARTIFACTS = join(process.cwd(), 'artifacts')

let testDb: TestDb
let runtime: Runtime
let app: FastifyInstance
let web: RunningWeb
let browser: Browser
let page: Page
let address: string
const pageProblems: string[] = []

beforeAll(async () => {
  // Without a browser there is nothing to set up; the test itself then fails with requireChromium's error (a failure, never a skip).
  if (!hasChromium()) return
  testDb = await createTestDb()
  await seedDemo(testDb.db, new Date())
  runtime = await openRuntime(loadConfig({ DATABASE_URL: testDb.url, LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv))
  app = buildServer(runtime)
  web = await startWeb(app, runtime)
  address = await app.listen({ port: 0, host: '127.0.0.1' })
  browser = await launchChromium()
  page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1100, height: 900 } })
  // A CSP violation or a script error shows up here: the page must have none.
  page.on('console', (message) => {
    if (message.type() === 'error') pageProblems.push(`${message.text()} (${message.location().url})`)
  })
  page.on('pageerror', (error) => pageProblems.push(error.message))
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await app?.close()
  await web?.stop()
  await runtime?.close()
  await testDb?.close()
})

/** Asks in the input box and returns the answer's card once it has arrived. */
async function ask(question: string) {
  const before = await page.locator('#log > li.entry-bot').count()
  await page.fill('#ask', question)
  await page.press('#ask', 'Enter')
  const entry = page.locator('#log > li.entry-bot').nth(before)
  await entry.locator('article.card').waitFor()
  return entry.locator('article.card')
}

async function pick(email: string) {
  await page.locator(`#people button[data-email="${email}"]`).click()
  await page.locator('#chat').waitFor({ state: 'visible' })
}

describe('the console in a browser', () => {
  it('li.lei, han.meimei, a reminder: the whole loop', async () => {
    requireChromium()
    await page.goto(`${address}/console`)

    // The picker, grouped by role.
    await page.locator('#people [data-role="manager"] button').first().waitFor()
    expect(await page.locator('#people [data-role]').evaluateAll((groups) => groups.map((g) => g.getAttribute('data-role')))).toEqual([
      'employee',
      'manager',
      'hr',
    ])

    // li.lei asks in Chinese: her gap report, bars with target markers, in Chinese.
    await pick(LI)
    expect(await page.locator('#whoami').textContent()).toContain('李雷')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('ask')
    const zh = await ask('我晋升还差什么?')
    expect(await zh.getAttribute('lang')).toBe('zh-CN')
    expect(await zh.locator('h2').textContent()).toContain('李雷')
    const bars = zh.locator('.progress-row')
    expect(await bars.count()).toBeGreaterThan(1)
    const first = await bars.first().evaluate((row) => ({
      label: row.querySelector('.progress-label')?.textContent ?? '',
      value: row.querySelector('progress')?.getAttribute('value'),
      shown: row.querySelector('.progress-value')?.textContent ?? '',
      marker: (row.querySelector('.bar-target') as HTMLElement | null)?.style.left ?? '',
    }))
    expect(first.label).toMatch(/[\u4e00-\u9fff]/)
    expect(first.shown).toMatch(/^\d+% \/ \d+%$/)
    expect(first.shown.startsWith(`${first.value}%`)).toBe(true)
    expect(first.marker).toBe(`${first.shown.split('/ ')[1]!.replace('%', '')}%`)

    mkdirSync(ARTIFACTS, { recursive: true })
    await zh.scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(ARTIFACTS, 'console-gap.png') })

    // The same question in English is answered in English.
    const en = await ask('What do I need for promotion?')
    expect(await en.getAttribute('lang')).toBe('en')
    expect(await en.locator('h2').textContent()).toContain('Li Lei')

    // Enrol from the card: a toast, the card redrawn without that button, and the row in the database.
    const enrol = en.locator('button[data-action-id="enrol"]').first()
    const course = (await enrol.getAttribute('data-action-value'))!
    await enrol.click()
    await page.locator('#toast.toast-success').waitFor()
    const redrawn = page.locator('#log > li.entry-bot').last().locator('article.card')
    await expect.poll(() => redrawn.locator(`button[data-action-value="${course}"]`).count()).toBe(0)
    const assignment = await testDb.db.trainingAssignment.findFirst({ where: { employee: { email: LI }, course: { code: course } } })
    expect(assignment).toMatchObject({ status: 'assigned', source: 'self' })

    // Switch to han.meimei; her tasks hold the supervisor evaluation of li.lei.
    await page.click('#switch')
    expect(await page.locator('#switch').isHidden()).toBe(true)
    await pick(HAN)
    expect(await page.locator('#log > li').count()).toBe(0)
    // Her team as a table: column headers, one row header per person.
    const team = await ask('show my team')
    expect(await team.locator('thead th[scope="col"]').count()).toBeGreaterThan(2)
    expect(await team.locator('tbody th[scope="row"]').allTextContents()).toContain('Li Lei')
    const task = await testDb.db.evaluationTask.findFirstOrThrow({
      where: { kind: 'supervisor_evaluation', assignee: { email: HAN }, subject: { email: LI } },
    })
    const tasks = await ask('我的待办')
    await tasks.locator(`button[data-action-id="open_form"][data-action-value="evaluation:${task.id}"]`).click()
    const formCard = page.locator(`#log article.card:has(form[data-form-key="evaluation:${task.id}"])`)
    await formCard.waitFor()
    // The first field of the opened form has the focus.
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('radio')
    const ratings = formCard.locator('fieldset.field-rating')
    const ratingCount = await ratings.count()
    expect(ratingCount).toBeGreaterThan(1)
    for (let i = 0; i < ratingCount; i++) await ratings.nth(i).locator('input[type="radio"][value="4"]').check()
    const comment = '稳定可靠,可以承担更多项目协调工作。'
    await formCard.locator('textarea').fill(comment)
    await formCard.locator('button[type="submit"]').click()
    const saved = page.locator('#log article.card.tone-success')
    await saved.waitFor()
    expect(await saved.textContent()).toContain('李雷')
    expect(await page.locator(`form[data-form-key="evaluation:${task.id}"]`).count()).toBe(0)
    const han = await testDb.db.employee.findUniqueOrThrow({ where: { email: HAN } })
    const assessments = await testDb.db.assessment.findMany({
      where: { employee: { email: LI }, source: 'supervisor', assessorId: han.id, note: comment },
    })
    // 4 on the anchored scale: halfway from the required 80 to 100.
    expect(assessments.map((a) => [a.rating, a.attainment])).toEqual(Array(ratingCount).fill([4, 90]))
    expect((await testDb.db.evaluationTask.findUniqueOrThrow({ where: { id: task.id } })).status).toBe('completed')

    // A reminder sent through the console's Messenger appears live in her conversation, and only hers.
    await page.locator('#live.is-connected').waitFor()
    await web.messenger.send(
      webDestination(LI),
      makeCard('zh-CN', { title: '不该出现', tone: 'warning' }, [{ type: 'text', text: 'NOT-FOR-HAN' }]),
    )
    await web.messenger.send(
      webDestination(HAN),
      makeCard('zh-CN', { title: '提醒:请完成评估', tone: 'warning' }, [
        { type: 'text', text: '吴浩的上级评估已逾期 4 天。' },
        { type: 'actions', buttons: [{ label: '查看待办', action: { id: 'ask', value: 'my_tasks' }, style: 'primary' }] },
      ]),
    )
    const pushed = page.locator('#log > li.entry-push')
    await pushed.waitFor()
    expect(await pushed.locator('h2').textContent()).toBe('提醒:请完成评估')
    expect(await page.locator('#log').textContent()).not.toContain('NOT-FOR-HAN')
    // Its button works like any other.
    await pushed.locator('button[data-action-id="ask"]').click()
    await page.locator('#log > li.entry-bot').last().locator('article.card').filter({ hasText: '吴浩' }).waitFor()

    await pushed.evaluate((entry) => entry.scrollIntoView({ block: 'center' }))
    await page.screenshot({ path: join(ARTIFACTS, 'console.png') })
    await page.setViewportSize({ width: 390, height: 844 })
    await page.screenshot({ path: join(ARTIFACTS, 'console-phone.png') })

    expect(pageProblems).toEqual([])
  }, 120_000)
})
