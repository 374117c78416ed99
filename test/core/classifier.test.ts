import { describe, expect, it } from 'vitest'
import { classify, featuresOf, softmax, trainIntentModel } from '../../core/kernel/routing/classifier.js'

describe('featuresOf', () => {
  it.each([
    ['晋升', ['c:晋', 'c:升', 'c:晋升']],
    ['晋升了', ['c:晋', 'c:升', 'c:了', 'c:晋升', 'c:升了']],
    ['my tasks', ['w:my', 'w:tasks', 'b:my tasks', 'g:<tas', 'g:task', 'g:asks', 'g:sks>']],
    ['gap for @job', ['w:gap', 'g:<gap', 'g:gap>', 'g:<for', 'g:for>', 'b:gap for', 'b:for @job', 'w:@job', 'e:@job']],
    ['to do', ['w:do', 'b:to do']],
    ['', ['empty']],
  ])('%j', (text, expected) => expect(featuresOf(text).sort()).toEqual([...expected].sort()))

  it('reads Chinese and English in one message', () => {
    const features = featuresOf('我的 tasks')
    expect(features).toContain('c:我的')
    expect(features).toContain('w:tasks')
  })
})

describe('softmax', () => {
  it('gives probabilities that sum to one, largest score most likely', () => {
    const p = softmax([1, 3, 2])
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10)
    expect(p[1]).toBeGreaterThan(p[2]!)
    expect(p[2]).toBeGreaterThan(p[0]!)
  })
  it('does not overflow on large scores', () => expect(softmax([1000, 1000])).toEqual([0.5, 0.5]))
})

describe('trainIntentModel', () => {
  const examples = [
    { text: '我的待办', intent: 'tasks' },
    { text: '待办有哪些', intent: 'tasks' },
    { text: 'my to do list', intent: 'tasks' },
    { text: 'what is on my plate', intent: 'tasks' },
    { text: '推荐课程', intent: 'courses' },
    { text: '上什么课好', intent: 'courses' },
    { text: 'recommend a course', intent: 'courses' },
    { text: 'which courses should i take', intent: 'courses' },
  ]
  const model = trainIntentModel(examples)

  it('learns its examples', () => {
    for (const { text, intent } of examples) expect(classify(text, model)[0]!.intent).toBe(intent)
  })
  it('generalises from shared n-grams to unseen phrasings', () => {
    expect(classify('还有什么待办', model)[0]!.intent).toBe('tasks')
    expect(classify('any course you recommend', model)[0]!.intent).toBe('courses')
  })
  it('is deterministic: the same data and seed give the same model', () => {
    expect(trainIntentModel(examples)).toEqual(model)
  })
  it('answers every intent with a probability, most likely first', () => {
    const ranked = classify('hello', model)
    expect(ranked.map((r) => r.intent).sort()).toEqual(['courses', 'tasks'])
    expect(ranked[0]!.p).toBeGreaterThanOrEqual(ranked[1]!.p)
  })
})
