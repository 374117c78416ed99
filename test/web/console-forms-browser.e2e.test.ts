// Console forms in a browser: a form the core refuses comes back with every
// control as the person left it (typed text, chosen options, dates), the error
// beside its field and the focus on it. Headless Chromium against the real
// server, as in console-browser.e2e.test.ts (its own file, so both can grow).
import type { FastifyInstance } from 'fastify'
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemo } from '../../adapters/db/demo/index.js'
import { loadConfig } from '../../bot/config.js'
import { type RunningWeb, startWeb } from '../../bot/platforms/web.js'
import { openRuntime, type Runtime } from '../../bot/runtime.js'
import { buildServer } from '../../bot/server.js'
import { createTestDb, type TestDb } from '../support/db.js'
import { hasChromium, launchChromium, requireChromium } from './browser.js'

const HR = 'emma.clark@demo.ladder'

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

/** Every control of a form as the browser holds it now, by name. */
function controlValues(form: Locator): Promise<Record<string, string>> {
  return form.evaluate((f) => {
    const values: Record<string, string> = {}
    for (const el of Array.from((f as HTMLFormElement).elements)) {
      const control = el as HTMLInputElement
      if (!control.name || (control.type === 'radio' && !control.checked)) continue
      values[control.name] = control.value
    }
    return values
  })
}

/** The error text shown beside each field, found the way a screen reader does (aria-describedby). */
function errorsBeside(form: Locator): Promise<Record<string, string>> {
  return form.evaluate((f) => {
    const errors: Record<string, string> = {}
    for (const el of Array.from(f.querySelectorAll('[aria-invalid="true"]'))) {
      const name = el.getAttribute('name') ?? el.querySelector('input')?.getAttribute('name') ?? ''
      errors[name] = document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent ?? ''
    }
    return errors
  })
}

async function pick(email: string) {
  await page.locator(`#people button[data-email="${email}"]`).click()
  await page.locator('#chat').waitFor({ state: 'visible' })
}

/** A day from today, as a date input holds it. */
const day = (offset: number): string => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)

async function submitRefused(form: Locator): Promise<Locator> {
  const key = (await form.getAttribute('data-form-key'))!
  const before = await page.locator('#toast.toast-error').count()
  await form.locator('button[type="submit"]').click()
  if (before === 0) await page.locator('#toast.toast-error').waitFor()
  // The refused form replaces the one submitted, in the same place.
  const again = page.locator(`#log form[data-form-key="${key}"]`)
  await again.locator('[aria-invalid="true"]').first().waitFor()
  expect(await again.count()).toBe(1)
  return again
}

describe('console forms in a browser keep what was typed', () => {
  it('the 360 launch form and the broadcast form, refused for one field each', async () => {
    requireChromium()
    await page.goto(`${address}/console`)
    await pick(HR)

    const launch = (await ask('/ladder 360')).locator('form')
    await launch.locator('input[name="name"]').fill('Spring 360 <pilot>')
    await launch.locator('textarea[name="subjects"]').fill('li.lei@demo.ladder\nnobody@nowhere.example')
    await launch.locator('input[name="opens"]').fill(day(7))
    await launch.locator('input[name="closes"]').fill(day(21))
    await launch.locator('select[name="perspectives"]').selectOption('manager,peer')
    await launch.locator('select[name="nomination"]').selectOption('subject')
    await launch.locator('select[name="peerCap"]').selectOption('5')
    const typed = await controlValues(launch)
    const launchAgain = await submitRefused(launch)
    expect(await controlValues(launchAgain)).toEqual(typed)
    expect(Object.keys(await errorsBeside(launchAgain))).toEqual(['subjects'])
    expect((await errorsBeside(launchAgain)).subjects).toContain('nobody@nowhere.example')
    // The field in error has the focus, ready to be corrected.
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('subjects')
    expect(await launchAgain.locator('textarea[name="subjects"]').inputValue()).toBe('li.lei@demo.ladder\nnobody@nowhere.example')

    const broadcast = (await ask('/ladder broadcast')).locator('form')
    const course = await broadcast.locator('select[name="course"] option:not([value=""])').nth(2).getAttribute('value')
    await broadcast.locator('select[name="course"]').selectOption(course!)
    await broadcast.locator('input[name="channel"]').fill('not a channel')
    await broadcast.locator('input[name="due"]').fill(day(14))
    const chosen = await controlValues(broadcast)
    const broadcastAgain = await submitRefused(broadcast)
    expect(await controlValues(broadcastAgain)).toEqual(chosen)
    expect(Object.keys(await errorsBeside(broadcastAgain))).toEqual(['channel'])

    expect(pageProblems).toEqual([])
  }, 120_000)
})
