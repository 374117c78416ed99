// The model's tools over a known organisation (test/support/org.ts): every call runs
// as the asker, bad calls become tool errors, results are compact summaries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { handleAction } from '../../core/app/handle-action.js'
import { INTENTS } from '../../core/app/intents.js'
import { CONFIRMED_TOOLS, runTool, TOOL_NAMES, TOOL_SPECS, type ToolOutcome } from '../../core/app/llm/tools.js'
import { promotionGapCard } from '../../core/features/gap/gap-card.js'
import { promotionGap } from '../../core/features/gap/promotion-gap.js'
import type { Actor } from '../../core/kernel/context.js'
import { type Backend, openBackend, queries } from '../support/backend.js'
import { makeDeps } from '../support/deps.js'
import { buildOrg, NOW, type Org } from '../support/org.js'

let b: Backend
const { where } = queries(() => b)
let org: Org
let deps: ReturnType<typeof makeDeps>

const actor = async (key: keyof Org['ids'], locale: Actor['locale'] = 'en'): Promise<Actor> => ({
  employee: (await deps.store.employees.byId(org.ids[key]))!,
  locale,
})

const call = (name: string, args: string | object) => ({
  id: 'c1',
  name,
  arguments: typeof args === 'string' ? args : JSON.stringify(args),
})

const buttonsOf = (outcome: ToolOutcome) => {
  expect(outcome.isOk).toBe(true)
  const card = outcome.isOk ? outcome.card : null
  return card?.blocks.flatMap((block) => (block.type === 'actions' ? block.buttons.map((button) => button.action) : [])) ?? []
}
const confirmButton = (outcome: ToolOutcome) => buttonsOf(outcome)[0]!
const cancelButton = (outcome: ToolOutcome) => buttonsOf(outcome)[1]!

/** A button pressed, in a direct message, through the core's action handler. */
const press = async (who: Actor, value: string) =>
  handleAction(deps, who, {
    sender: { platform: 'cli', tenant: 'local', userId: who.employee.email },
    surface: { kind: 'direct' },
    actionId: 'ask',
    value,
  })

const summaryOf = (outcome: ToolOutcome): unknown => {
  expect(outcome.isOk).toBe(true)
  return JSON.parse(outcome.content)
}

beforeAll(async () => {
  b = await openBackend()
  org = await buildOrg(b.seed)
  deps = makeDeps(b.store, NOW)
})
afterAll(() => b.close())

describe('TOOL_SPECS', () => {
  it('offers exactly the use cases, with JSON Schemas derived from the validators', () => {
    expect(TOOL_SPECS.map((s) => s.name)).toEqual([
      'promotion_gap',
      'job_requirements',
      'my_tasks',
      'my_trainings',
      'overdue_report',
      'assign_training',
      'recommend_training',
      'enrol',
      'training_done',
      'team_overview',
      'who_is_ready',
      'career_paths',
      'job_description',
      'duty_owner',
      'set_language',
      'onboarding_plan',
      'duty_compliance',
      'training_matrix',
      'probation_diagnosis',
      'dimension_score',
      'help',
    ])
    expect(TOOL_NAMES).toEqual(TOOL_SPECS.map((s) => s.name))
    expect(TOOL_SPECS.find((s) => s.name === 'enrol')?.parameters).toEqual({
      type: 'object',
      properties: {
        course_code: { type: 'string', minLength: 1, maxLength: 40, description: 'A course code from the course list, e.g. RD-101' },
      },
      required: ['course_code'],
      additionalProperties: false,
    })
    expect(TOOL_SPECS.find((s) => s.name === 'my_tasks')?.parameters).toEqual({
      type: 'object',
      properties: {},
      additionalProperties: false,
    })
  })
})

describe('runTool: malformed calls are answered as tool errors', () => {
  const cases: [what: string, name: string, args: string, code: string][] = [
    ['an unknown tool', 'delete_everything', '{}', 'unknown_tool'],
    ['arguments that are not JSON', 'promotion_gap', '{"job_code": RD2', 'bad_json'],
    ['arguments that are not an object', 'promotion_gap', '[1,2]', 'bad_arguments'],
    ['a wrong type', 'promotion_gap', '{"job_code": 42}', 'bad_arguments'],
    ['a missing required argument', 'enrol', '{}', 'bad_arguments'],
    ['an argument naming another person', 'promotion_gap', '{"subject": "pat@t.test"}', 'bad_arguments'],
    ['an employee id smuggled in', 'my_tasks', '{"employee_id": 1}', 'bad_arguments'],
    ['an over-long code', 'job_requirements', JSON.stringify({ job_code: 'x'.repeat(41) }), 'bad_arguments'],
  ]
  it.each(cases)('%s → %s', async (_what, name, args, code) => {
    const outcome = await runTool(deps, await actor('eve'), call(name, args))
    expect(outcome).toMatchObject({ isOk: false, code })
    expect(JSON.parse(outcome.content)).toMatchObject({ error: code })
  })

  it.each([
    ['empty arguments for a tool without any', 'my_tasks', ''],
    ['null for an omitted optional argument', 'promotion_gap', '{"job_code": null}'],
  ])('accepts %s', async (_what, name, args) => {
    expect((await runTool(deps, await actor('eve'), call(name, args))).isOk).toBe(true)
  })
})

describe('runTool: results', () => {
  it('promotion_gap: the asker’s own gap as a compact summary, and the use case’s own card', async () => {
    const eve = await actor('eve')
    const outcome = await runTool(deps, eve, call('promotion_gap', {}))
    expect(summaryOf(outcome)).toEqual({
      result: 'gap',
      current_job: { code: 'RD2', title: 'Senior R&D Engineer' },
      targets: [
        {
          target: { code: 'RD3', title: 'Staff R&D Engineer' },
          on_path: true,
          overall: 75,
          threshold: 80,
          ready: false,
          dimensions: [
            { name: 'Professional knowledge', weight: 30, current: 80, required: 80, assessed: true },
            { name: 'Technical skill', weight: 40, current: 75, required: 80, assessed: true },
            { name: 'Project experience', weight: 20, current: 60, required: 80, assessed: true },
            { name: 'Culture fit', weight: 10, current: 90, required: 80, assessed: true },
          ],
          largest_gap: 'Project experience',
          requirements: [{ kind: 'min_score', key: 'TECH-EXAM', score: 80, actual: null, met: false }],
          courses: [
            { code: 'RD-101', title: 'R&D Project Management', for: 'Project experience', assigned: false },
            { code: 'RD-201', title: 'Advanced Medical Device Design', for: 'Technical skill', assigned: true },
          ],
        },
        {
          target: { code: 'MG1', title: 'Team Lead' },
          on_path: true,
          overall: 79,
          threshold: 80,
          ready: false,
          dimensions: [
            { name: 'Team management', weight: 50, current: 85, required: 80, assessed: true },
            { name: 'Project experience', weight: 30, current: 60, required: 80, assessed: true },
            { name: 'Culture fit', weight: 20, current: 90, required: 80, assessed: true },
          ],
          largest_gap: 'Project experience',
          requirements: [],
          courses: [{ code: 'RD-101', title: 'R&D Project Management', for: 'Project experience', assigned: false }],
        },
      ],
    })
    expect(outcome.isOk && outcome.card).toEqual(promotionGapCard(await promotionGap(deps, eve), 'en'))
    // Nothing personal beyond the numbers: no e-mail, no ids.
    expect(outcome.content).not.toMatch(/@|"id"/)
  })

  it('answers in the actor’s language', async () => {
    const outcome = await runTool(deps, await actor('eve', 'zh-CN'), call('promotion_gap', { job_code: 'rd3' }))
    expect(summaryOf(outcome)).toMatchObject({
      current_job: { title: '高级研发工程师' },
      targets: [{ target: { title: '资深研发工程师' }, largest_gap: '项目经验' }],
    })
  })

  it('team_overview and who_is_ready refuse an employee, exactly as the use cases do', async () => {
    const eve = await actor('eve')
    expect(summaryOf(await runTool(deps, eve, call('team_overview', {})))).toEqual({ result: 'refused' })
    expect(summaryOf(await runTool(deps, eve, call('who_is_ready', { job_code: 'MG1' })))).toEqual({ result: 'refused' })
  })

  it('team_overview gives a manager their own reports only', async () => {
    const summary = summaryOf(await runTool(deps, await actor('mia'), call('team_overview', {}))) as { members: { name: string }[] }
    expect(summary.members.map((m) => m.name).sort()).toEqual(['Eve', 'Tom'])
  })

  it('my_tasks lists the asker’s trainings and the evaluations they owe', async () => {
    expect(summaryOf(await runTool(deps, await actor('mia'), call('my_tasks', {})))).toEqual({
      result: 'tasks',
      trainings: [],
      evaluations: [{ kind: 'supervisor_evaluation', about: 'Eve', due: '2026-11-28', overdue: false }],
    })
  })

  it('enrol does not act: it asks the asker, whose Confirm enrols them and nobody else', async () => {
    const tom = await actor('tom')
    const outcome = await runTool(deps, tom, call('enrol', { course_code: 'cu-101' }))
    expect(summaryOf(outcome)).toMatchObject({ result: 'awaiting_confirmation', question: 'Enrol you in “Company Culture” (CU-101)?' })
    expect(await where('trainingAssignment', (r) => r.courseId === org.courses.CULTURE)).toEqual([])
    const confirm = confirmButton(outcome)
    expect(confirm).toEqual({ id: 'ask', value: `enrol:CU-101!${org.ids.tom}` })

    // Eve presses Tom's button: nothing for Tom, nothing for her.
    expect(await press(await actor('eve'), confirm.value)).toMatchObject({ kind: 'notify', notice: { tone: 'error' } })
    expect(await where('trainingAssignment', (r) => r.courseId === org.courses.CULTURE)).toEqual([])
    // Cancel changes nothing either.
    expect(await press(tom, cancelButton(outcome).value)).toMatchObject({ kind: 'notify', notice: { tone: 'info' } })
    expect(await where('trainingAssignment', (r) => r.courseId === org.courses.CULTURE)).toEqual([])

    expect(await press(tom, confirm.value)).toMatchObject({ kind: 'follow_up' })
    const rows = await where('trainingAssignment', (r) => r.courseId === org.courses.CULTURE)
    expect(rows.map((r) => r.employeeId)).toEqual([org.ids.tom])
    // Pressed twice: still one enrolment.
    await press(tom, confirm.value)
    expect(await where('trainingAssignment', (r) => r.courseId === org.courses.CULTURE)).toHaveLength(1)
  })

  it('an unknown course is a result the model can explain, not an error', async () => {
    expect(summaryOf(await runTool(deps, await actor('tom'), call('training_done', { course_code: 'NOPE-1' })))).toEqual({
      result: 'unknown_course',
      query: 'NOPE-1',
    })
  })
})

describe('assign_training as a tool', () => {
  it('proposes assigning only the people the asker may assign, without naming the rest; Confirm assigns them', async () => {
    const mia = await actor('mia')
    const outcome = await runTool(
      deps,
      mia,
      call('assign_training', { course_code: 'MG-101', people: ['Eve', 'pat@t.test', 'Nobody Here'], due: '2026-12-20' }),
    )
    expect(summaryOf(outcome)).toMatchObject({
      result: 'awaiting_confirmation',
      question:
        'Assign “Team Management Fundamentals” (MG-101) to Eve, due Dec 20, 2026? (2 other people named are not yours to assign and left out.)',
    })
    expect(JSON.stringify(outcome)).not.toMatch(/pat|Nobody/i)
    expect(await where('trainingAssignment', (r) => r.courseId === org.courses.LEAD)).toEqual([])
    const confirm = confirmButton(outcome)
    expect(confirm.value).toBe(`assign_training:MG-101@${org.ids.eve}~2026-12-20!${org.ids.mia}`)

    expect(await press(mia, confirm.value)).toMatchObject({ kind: 'follow_up' })
    const rows = await where('trainingAssignment', (r) => r.courseId === org.courses.LEAD)
    expect(rows.map((r) => [r.employeeId, (r.dueAt as Date | null)?.toISOString().slice(0, 10)])).toEqual([[org.ids.eve, '2026-12-20']])

    expect(summaryOf(await runTool(deps, await actor('pat'), call('assign_training', { course_code: 'MG-101', team: true })))).toEqual({
      result: 'no_team',
    })
    expect(summaryOf(await runTool(deps, await actor('pat'), call('assign_training', { course_code: 'MG-101', people: ['Eve'] })))).toEqual(
      {
        result: 'refused',
      },
    )
  })
})

describe('which tools need a confirmation', () => {
  it('every registered intent says whether it changes anything: a new one has to be put in this table', () => {
    expect(Object.fromEntries(INTENTS.map((i) => [i.name, i.changesState]))).toEqual({
      promotion_gap: false,
      job_requirements: false,
      my_tasks: false,
      my_trainings: false,
      overdue_report: false,
      assign_training: true,
      recommend_training: false,
      enrol: true,
      training_done: true,
      team_overview: false,
      who_is_ready: false,
      career_paths: false,
      job_description: false,
      duty_owner: false,
      // These open a form; submitting it acts, through its own button, never through the model.
      broadcast: false,
      broadcast_report: false,
      launch_360: false,
      set_language: true,
      start_programme: false,
      programme_progress: false,
      onboarding_plan: false,
      erase_person: false,
      duty_compliance: false,
      training_matrix: false,
      probation_diagnosis: false,
      dimension_score: false,
      help: false,
      unknown: false,
    })
  })

  it('every state-changing intent proposes; every other tool runs', () => {
    expect(CONFIRMED_TOOLS).toEqual(['assign_training', 'enrol', 'training_done', 'set_language'])
  })

  it('training_done with a score and set_language confirm through their ordinary answers', async () => {
    const tom = await actor('tom')
    const done = await runTool(deps, tom, call('training_done', { course_code: 'CU-101', score: 90 }))
    expect(summaryOf(done)).toMatchObject({ result: 'awaiting_confirmation' })
    expect(confirmButton(done).value).toBe(`training_done:CU-101~score 90!${org.ids.tom}`)
    const language = await runTool(deps, tom, call('set_language', { language: 'zh-CN' }))
    expect(summaryOf(language)).toMatchObject({ result: 'awaiting_confirmation', question: 'Answer you in Chinese from now on?' })
    expect((await deps.store.employees.byId(org.ids.tom))?.locale).toBe('en')
    await press(tom, confirmButton(language).value)
    expect((await deps.store.employees.byId(org.ids.tom))?.locale).toBe('zh-CN')
  })
})
