// What the language model is given names departments, tracks and jobs by name: it
// repeats what it gets, and "RND" or "retail" in an answer reads as a bug.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tasksIntents } from '../../core/features/tasks/index.js'
import type { Actor } from '../../core/kernel/context.js'
import { type Backend, openBackend } from '../support/backend.js'
import { makeDeps } from '../support/deps.js'
import { buildOrg, NOW, type Org } from '../support/org.js'

let b: Backend
let org: Org
beforeAll(async () => {
  b = await openBackend()
  org = await buildOrg(b.seed)
})
afterAll(() => b.close())

describe('the overdue summary for the model', () => {
  it('names departments in the reader’s language', async () => {
    const deps = makeDeps(b.store, NOW)
    const hana = await b.store.employees.byId(org.ids.hana)
    const actor: Actor = { employee: hana!, locale: 'en' }
    const overdue = tasksIntents.find((intent) => intent.name === 'overdue_report')
    if (overdue?.changesState !== false || !overdue.tool) throw new Error('overdue_report has a read-only tool')
    const result = await overdue.tool.run(deps, actor, {})
    expect(result.summary).toMatchObject({ byDepartment: [{ department: 'R&D' }] })
  })
})
