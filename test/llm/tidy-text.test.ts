import { describe, expect, it } from 'vitest'
import { tidyText } from '../../core/app/llm/answer-with-llm.js'

describe('tidyText: model markdown down to what cards render', () => {
  const cases: [raw: string, expected: string][] = [
    ['  You are at **64%**.  ', 'You are at **64%**.'],
    ['## Your gap\nProject experience', 'Your gap\nProject experience'],
    ['* RD-101\n• RD-201\n- CU-101', '- RD-101\n- RD-201\n- CU-101'],
    ['```json\n{"a":1}\n```', '{"a":1}'],
    ['a\n\n\n\nb', 'a\n\nb'],
    ['x'.repeat(1300), `${'x'.repeat(1200)}…`],
  ]
  it.each(cases)('%j', (raw, expected) => {
    expect(tidyText(raw)).toBe(expected)
  })
})
