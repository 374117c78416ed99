import { describe, expect, it } from 'vitest'
import { CYCLE_EVENTS, type CycleEvent, transition } from '../../core/features/feedback/cycle-stage.js'
import { FEEDBACK_STAGES, type FeedbackStage, type QuestionnaireItem } from '../../core/features/feedback/types.js'
import { validateAnswers } from '../../core/features/feedback/validate-answers.js'
import { endOfDay, startOfDay } from '../../core/kernel/window-dates.js'

describe('transition', () => {
  const legal: Record<CycleEvent, [FeedbackStage, FeedbackStage]> = {
    start_nominating: ['draft', 'nominating'],
    start_collecting: ['nominating', 'collecting'],
    close: ['collecting', 'closed'],
    share: ['closed', 'shared'],
  }
  const table = FEEDBACK_STAGES.flatMap((stage) => CYCLE_EVENTS.map((event) => ({ stage, event })))
  it.each(table)('$event from $stage', ({ stage, event }) => {
    const [from, to] = legal[event]
    const result = transition(stage, event)
    if (stage === from) expect(result).toEqual({ ok: true, from, to })
    else {
      const order = FEEDBACK_STAGES.indexOf(stage) >= FEEDBACK_STAGES.indexOf(to) ? 'already_done' : 'too_early'
      expect(result).toEqual({ ok: false, from: stage, event, reason: order })
    }
  })
  it('refuses skipping a stage and going back', () => {
    expect(transition('nominating', 'close')).toMatchObject({ ok: false, reason: 'too_early' })
    expect(transition('draft', 'share')).toMatchObject({ ok: false, reason: 'too_early' })
    expect(transition('shared', 'start_collecting')).toMatchObject({ ok: false, reason: 'already_done' })
    expect(transition('closed', 'close')).toMatchObject({ ok: false, reason: 'already_done' })
  })
})

describe('validateAnswers', () => {
  const items: QuestionnaireItem[] = [
    { dimensionId: 1, code: 'lead', name: { zh: '领导', en: 'Lead' }, behaviours: [] },
    { dimensionId: 2, code: 'craft', name: { zh: '技艺', en: 'Craft' }, behaviours: [] },
  ]
  const cases: { values: Record<string, string>; expected: ReturnType<typeof validateAnswers> }[] = [
    {
      values: { dim_lead: '4', dim_craft: ' 5 ', strengths: ' kind ', improvements: '' },
      expected: { ok: true, answers: { ratings: { lead: 4, craft: 5 }, strengths: 'kind', improvements: '' } },
    },
    { values: { dim_lead: '', dim_craft: '3' }, expected: { ok: false, errors: { dim_lead: 'required' } } },
    { values: { dim_craft: '3' }, expected: { ok: false, errors: { dim_lead: 'required' } } },
    { values: { dim_lead: '0', dim_craft: '6' }, expected: { ok: false, errors: { dim_lead: 'out_of_range', dim_craft: 'out_of_range' } } },
    {
      values: { dim_lead: '4.5', dim_craft: '1e0' },
      expected: { ok: false, errors: { dim_lead: 'out_of_range', dim_craft: 'out_of_range' } },
    },
    {
      values: { dim_lead: '-1', dim_craft: 'five' },
      expected: { ok: false, errors: { dim_lead: 'out_of_range', dim_craft: 'out_of_range' } },
    },
    {
      values: { dim_lead: '3', dim_craft: '3', strengths: 'x'.repeat(1001), improvements: 'y'.repeat(1000) },
      expected: { ok: false, errors: { strengths: 'too_long' } },
    },
  ]
  it.each(cases)('%j', ({ values, expected }) => expect(validateAnswers(items, values)).toEqual(expected))
})

describe('window dates', () => {
  it('opens at local midnight and closes at 23:59 local', () => {
    expect(startOfDay('2026-12-01', 'Asia/Shanghai')?.toISOString()).toBe('2026-11-30T16:00:00.000Z')
    expect(endOfDay('2026-12-14', 'Europe/London')?.toISOString()).toBe('2026-12-14T23:59:00.000Z')
  })
  it.each(['2026-02-31', '2026-13-01', '12/01/2026', '', '2026-1-1'])('refuses %j', (day) => expect(startOfDay(day, 'UTC')).toBeNull())
})
