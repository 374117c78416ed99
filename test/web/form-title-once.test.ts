// A form titled like its card (an evaluation, a quiz in the console or the CLI) shows
// its title once: the card's heading labels the form.
import { describe, expect, it } from 'vitest'
import { renderText } from '../../adapters/cli/render-text.js'
import { renderCardHtml } from '../../adapters/web/render-card.js'
import type { Card } from '../../core/kernel/cards/card.js'

const TITLE = 'Evaluate Li Lei: Senior R&D Engineer'
const card = (formTitle: string): Card => ({
  locale: 'en',
  fallback: TITLE,
  header: { title: TITLE, tone: 'info' },
  blocks: [
    {
      type: 'form',
      form: {
        key: 'evaluation:1',
        title: formTitle,
        submitLabel: 'Submit',
        fields: [{ type: 'text', name: 'comment', label: 'Comment', multiline: true, maxLength: 500, required: false }],
      },
    },
  ],
})
const count = (text: string, part: string): number => text.split(part).length - 1

describe('a form titled like its card', () => {
  it('the console prints the title once and labels the form with the heading', () => {
    const html = renderCardHtml(card(TITLE), { idPrefix: 'r1' })
    expect(count(html, 'Evaluate Li Lei: Senior R&amp;D Engineer')).toBe(1)
    expect(html).toContain('<form class="card-form" data-form-key="evaluation:1" aria-labelledby="r1-title">')
    expect(html).not.toContain('<legend')
  })
  it('the CLI prints it once', () => {
    expect(count(renderText(card(TITLE)), TITLE)).toBe(1)
  })
  it('a form with its own title keeps it', () => {
    expect(renderCardHtml(card('Your answers'), { idPrefix: 'r1' })).toContain('<legend id="r1-b0-legend">Your answers</legend>')
    expect(renderText(card('Your answers'))).toContain('Your answers:')
  })
})
