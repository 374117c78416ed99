// The help card offers only what the asker can do: "show my team" to a manager who has
// reports (the role alone is not a team), vacancies and 360s to HR or a manager with a
// team, broadcasts to HR only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore } from '../../core/app/create-core.js'
import { t } from '../../core/kernel/i18n/index.js'
import type { CoreApi } from '../../core/kernel/inbound.js'
import { type Backend, openBackend } from '../support/backend.js'
import { memoryLogger } from '../support/deps.js'
import { buildOrg } from '../support/org.js'
import { seederFor } from '../support/seed.js'

let b: Backend
let core: CoreApi

beforeAll(async () => {
  b = await openBackend()
  await buildOrg(b.seed)
  // A manager by role whose team has not been imported yet.
  await seederFor(b.seed).create('employee', { email: 'lone@t.test', name: '孤', nameEn: 'Lone', roles: 'employee,manager', locale: 'en' })
  core = createCore({ store: b.store, clock: { now: () => new Date() }, log: memoryLogger() })
})
afterAll(() => b.close())

const examples = ['help.team', 'help.ready', 'help.launch360', 'help.broadcast'] as const
describe('help examples by what the asker can do', () => {
  it.each([
    ['tom@t.test', []],
    ['lone@t.test', []],
    ['mia@t.test', ['help.team', 'help.ready', 'help.launch360']],
    ['hana@t.test', ['help.ready', 'help.launch360', 'help.broadcast']],
  ] as const)('%s', async (email, offered) => {
    const reply = await core.handleMessage({ sender: { platform: 'cli', tenant: 'local', userId: email }, text: 'help' })
    const text = reply!.card.fallback
    const locale = reply!.card.locale
    expect(examples.filter((key) => text.includes(t(locale, key)))).toEqual(offered)
  })
})

describe('the dashboard’s buttons', () => {
  it.each([
    ['eve@t.test', ['promotion_gap', 'recommend_training', 'help']],
    // Hana (HR) has no job recorded: no gap to show, so no gap or course buttons.
    ['hana@t.test', ['help']],
  ] as const)('%s', async (email, offered) => {
    const home = await core.home({ platform: 'cli', tenant: 'local', userId: email })
    const asks = home.blocks
      .flatMap((block) => (block.type === 'actions' ? block.buttons : []))
      .filter((button) => button.action.id === 'ask')
      .map((button) => button.action.value)
    expect(asks).toEqual(offered)
  })
})
