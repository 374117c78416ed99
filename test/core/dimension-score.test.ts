// dimension_score and the reassessment form on the core, over the in-memory store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { evaluationForm, submitEvaluation } from '../../core/features/evaluations/evaluation.js'
import { dimensionScore } from '../../core/features/gap/dimension-score.js'
import { dimensionScoreCard } from '../../core/features/gap/dimension-score-card.js'
import type { Actor, Deps } from '../../core/kernel/context.js'
import { type Backend, openBackend } from '../support/backend.js'
import { makeDeps } from '../support/deps.js'
import { buildOrg, NOW, type Org } from '../support/org.js'

let b: Backend
let org: Org
let deps: Deps
const DAY = 86_400_000

const actor = async (key: keyof Org['ids']): Promise<Actor> => {
  const employee = (await deps.store.employees.byId(org.ids[key]))!
  return { employee, locale: employee.locale }
}

beforeAll(async () => {
  b = await openBackend()
  org = await buildOrg(b.seed)
  deps = makeDeps(b.store, NOW)
  // Eve's technical skill also has a 360 (mean 3.4) and a self-assessment of 5.
  await b.store.progress.addAssessments([
    {
      employeeId: org.ids.eve,
      dimensionId: org.dims.tech,
      attainment: 84,
      rating: 3.4,
      source: '360',
      assessedAt: new Date(NOW.getTime() - 10 * DAY),
      assessorId: null,
    },
    {
      employeeId: org.ids.eve,
      dimensionId: org.dims.tech,
      attainment: 100,
      rating: 5,
      source: 'self',
      assessedAt: new Date(NOW.getTime() - 5 * DAY),
      assessorId: org.ids.eve,
    },
  ])
})
afterAll(() => b.close())

describe('dimensionScore', () => {
  it('integrates the sources against the next step that has the dimension, with provenance and history', async () => {
    const result = await dimensionScore(deps, await actor('eve'), { dimensionCode: 'technical_skill' })
    expect(result.kind).toBe('score')
    if (result.kind !== 'score') return
    expect(result.target.code).toBe('RD3')
    expect([result.required, result.weight, result.current, result.isAssessed]).toEqual([80, 40, 78.46, true])
    expect(result.evidence.map((e) => [e.source, e.value, e.counted])).toEqual([
      ['supervisor', 75, true],
      ['360', 84, true],
      ['self', 100, false],
    ])
    // Supervisor 50 (200 days ago) → 75 (20 days ago) → with the 360 (10 days ago) (75·40 + 84·25) / 65.
    expect(result.timeline.map((p) => p.value)).toEqual([50, 75, 78.46])
    expect(result.history.map((h) => [h.source, h.steps.map((s) => Math.round(s.value))])).toEqual([
      ['supervisor', [50, 75]],
      ['360', [84]],
      ['self', [100]],
    ])
    const card = dimensionScoreCard(result, 'en')
    expect(card.fallback).toContain('supervisor 75')
    expect(card.fallback).toContain('360 3.4/5')
    expect(card.fallback).toContain('self 5/5 not counted (self only ever lowers)')
    expect(card.fallback).toContain('50% → 78%')
  })

  it.each([
    { name: 'a manager about a report', viewer: 'mia' as const, subjectOf: 'eve' as const, kind: 'score' },
    { name: 'HR about anyone', viewer: 'hana' as const, subjectOf: 'eve' as const, kind: 'score' },
    { name: 'a colleague is refused', viewer: 'tom' as const, subjectOf: 'eve' as const, kind: 'refused' },
    { name: 'a manager of another team is refused', viewer: 'mia' as const, subjectOf: 'pat' as const, kind: 'refused' },
  ])('$name → $kind', async ({ viewer, subjectOf, kind }) => {
    const result = await dimensionScore(deps, await actor(viewer), { dimensionCode: 'technical_skill', subjectId: org.ids[subjectOf] })
    expect(result.kind).toBe(kind)
  })

  it.each([
    { name: 'no dimension named: the next step’s dimensions to pick from', options: {}, kind: 'pick' },
    { name: 'an unknown code', options: { dimensionCode: 'x'.repeat(200) }, kind: 'unknown_dimension' },
    { name: 'a code in capitals, with spaces', options: { dimensionCode: ' TECHNICAL_SKILL ' }, kind: 'score' },
  ])('$name → $kind', async ({ options, kind }) => {
    const result = await dimensionScore(deps, await actor('eve'), options)
    expect(result.kind).toBe(kind)
    if (result.kind === 'unknown_dimension') expect(result.query.length).toBeLessThanOrEqual(80)
  })

  it('someone with no job is told so', async () => {
    expect((await dimensionScore(deps, await actor('hana'), { dimensionCode: 'technical_skill' })).kind).toBe('no_job')
  })
})

describe('the reassessment form', () => {
  it('rates only the task’s dimension and is stored as a supervisor assessment with its rating', async () => {
    const { task } = await deps.store.progress.openEvaluation({
      kind: 'reassessment',
      assigneeId: org.ids.mia,
      subjectId: org.ids.eve,
      dimensionId: org.dims.proj,
      dueAt: null,
      now: NOW,
    })
    const mia = await actor('mia')
    expect(await evaluationForm(deps, await actor('eve'), task.id)).toEqual({ kind: 'refused' })
    const form = await evaluationForm(deps, mia, task.id)
    expect(form.kind === 'form' && form.dimensions.map((d) => [d.dimension.code, d.required])).toEqual([['project_experience', 80]])
    const saved = await submitEvaluation(deps, mia, task.id, { dim_project_experience: '3' })
    expect(saved).toMatchObject({ kind: 'saved', count: 1 })
    const score = await dimensionScore(deps, await actor('eve'), { dimensionCode: 'project_experience' })
    expect(score.kind === 'score' && [score.current, score.evidence[0]?.source, score.evidence[0]?.rating]).toEqual([80, 'supervisor', 3])
  })
})
