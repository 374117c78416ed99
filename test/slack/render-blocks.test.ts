import { describe, expect, it } from 'vitest'
import { SLACK_LIMITS } from '../../adapters/slack/limits.js'
import { escapeMrkdwn, toMrkdwn } from '../../adapters/slack/mrkdwn.js'
import { progressBar, renderBlocks, renderHome, renderMessage } from '../../adapters/slack/render-blocks.js'
import { makeCard } from '../../core/kernel/cards/build.js'
import type { Block, Card } from '../../core/kernel/cards/card.js'
import { t } from '../../core/kernel/i18n/index.js'

const card = (blocks: Block[], locale: Card['locale'] = 'en'): Card => makeCard(locale, undefined, blocks)
const blocksOf = (blocks: Block[], locale: Card['locale'] = 'en') => renderMessage(card(blocks, locale)).blocks

describe('mrkdwn', () => {
  it.each([
    ['a & b < c > d', 'a &amp; b &lt; c &gt; d'],
    ['**bold** text', '*bold* text'],
    ['your **gap** here', 'your *gap* here'],
    ['你的**差距**是', '你的\u200B*差距*\u200B是'],
    ['- one\n- two', '• one\n• two'],
    ['**<script>**', '*&lt;script&gt;*'],
    ['a - b stays', 'a - b stays'],
  ])('%j → %j', (input, expected) => {
    expect(toMrkdwn(input)).toBe(expected)
  })

  it('escapes the ampersand first so entities are not double-read', () => {
    expect(escapeMrkdwn('&lt;')).toBe('&amp;lt;')
  })
})

describe('renderMessage: one neutral element at a time', () => {
  it('header with tone and subtitle', () => {
    const rendered = renderMessage(makeCard('en', { title: 'Your gap', subtitle: 'from **RD2**', tone: 'warning' }, []))
    expect(rendered).toEqual({
      text: 'Your gap — from **RD2**',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: '⚠️ Your gap', emoji: true } },
        { type: 'context', elements: [{ type: 'mrkdwn', text: 'from *RD2*' }] },
      ],
    })
  })

  it('header longer than 150 characters is cut', () => {
    const [header] = renderMessage(makeCard('en', { title: 'x'.repeat(200) }, [])).blocks
    expect(header).toEqual({ type: 'header', text: { type: 'plain_text', text: 'x'.repeat(149) + '…', emoji: true } })
  })

  it('text: bold, escaping, bullets', () => {
    expect(blocksOf([{ type: 'text', text: '**Close the gap** in R&D\n- <b>one</b>' }])).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: '*Close the gap* in R&amp;D\n• &lt;b&gt;one&lt;/b&gt;' } },
    ])
  })

  it('text over 3000 characters is split at line breaks into several sections', () => {
    const line = 'y'.repeat(999)
    const blocks = blocksOf([{ type: 'text', text: [line, line, line, line].join('\n') }])
    expect(blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: [line, line, line].join('\n') } },
      { type: 'section', text: { type: 'mrkdwn', text: line } },
    ])
  })

  it('fields: label bold, 10 per section at most', () => {
    const fields = Array.from({ length: 12 }, (_, i) => ({ label: `L${i}`, value: `v<${i}>` }))
    const blocks = blocksOf([{ type: 'fields', fields }])
    expect(blocks).toHaveLength(2)
    expect(blocks[1]).toEqual({
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: '*L10*\nv&lt;10&gt;' },
        { type: 'mrkdwn', text: '*L11*\nv&lt;11&gt;' },
      ],
    })
    expect((blocks[0] as { fields: unknown[] }).fields).toHaveLength(10)
  })

  it('a field over 2000 characters is cut', () => {
    const [section] = blocksOf([{ type: 'fields', fields: [{ label: 'Long', value: 'z'.repeat(2500) }] }])
    const text = (section as { fields: { text: string }[] }).fields[0]!.text
    expect(text).toBe(`*Long*\n${'z'.repeat(2000 - 8)}…`)
    expect(text.length).toBe(2000)
  })

  it('progress rows as text bars with value, target and note', () => {
    expect(
      blocksOf([
        {
          type: 'progress',
          rows: [
            { label: 'Business 40%', value: 75, target: 80 },
            { label: 'Team <lead>', value: 100 },
            { label: 'Culture', value: 0, target: 60, note: 'not assessed' },
          ],
        },
      ]),
    ).toEqual([
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: 'Business 40%\n▓▓▓▓▓▓▓▓░░ 75% / 80%\nTeam &lt;lead&gt;\n▓▓▓▓▓▓▓▓▓▓ 100%\nCulture\n░░░░░░░░░░ 0% / 60% · _not assessed_',
        },
      },
    ])
  })

  it.each([
    [0, '░░░░░░░░░░'],
    [4, '░░░░░░░░░░'],
    [5, '▓░░░░░░░░░'],
    [75, '▓▓▓▓▓▓▓▓░░'],
    [100, '▓▓▓▓▓▓▓▓▓▓'],
    [130, '▓▓▓▓▓▓▓▓▓▓'],
    [-5, '░░░░░░░░░░'],
  ])('bar for %d percent is %s', (value, bar) => {
    expect(progressBar(value)).toBe(bar)
  })

  it('table as an aligned monospace code block (CJK counted double width)', () => {
    expect(
      blocksOf([
        {
          type: 'table',
          columns: ['Name', 'Match'],
          rows: [
            ['李雷', '75%'],
            ['Alex & co', '80%'],
          ],
        },
      ]),
    ).toEqual([
      {
        type: 'section',
        text: { type: 'mrkdwn', text: '```\nName       Match\n─────────  ─────\n李雷       75%\nAlex &amp; co  80%\n```' },
      },
    ])
  })

  it('actions: buttons carry the neutral action as JSON, styles primary/danger, default has none', () => {
    expect(
      blocksOf([
        {
          type: 'actions',
          buttons: [
            { label: 'Enrol in **RD-101**', action: { id: 'enrol', value: 'RD-101' }, style: 'primary' },
            { label: 'Later', action: { id: 'snooze', value: 'training:3:1d' }, style: 'default' },
            { label: 'Open', action: { id: 'ask', value: 'help' }, url: 'https://example.com/x', style: 'danger' },
          ],
        },
      ]),
    ).toEqual([
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: 'ladder:0',
            text: { type: 'plain_text', text: 'Enrol in RD-101', emoji: true },
            value: '{"a":"enrol","v":"RD-101"}',
            style: 'primary',
          },
          {
            type: 'button',
            action_id: 'ladder:1',
            text: { type: 'plain_text', text: 'Later', emoji: true },
            value: '{"a":"snooze","v":"training:3:1d"}',
          },
          {
            type: 'button',
            action_id: 'ladder-link:2',
            text: { type: 'plain_text', text: 'Open', emoji: true },
            url: 'https://example.com/x',
            style: 'danger',
          },
        ],
      },
    ])
  })

  it('actions: 25 buttons per block, text cut at 75, a value over 2000 dropped rather than cut', () => {
    const buttons = Array.from({ length: 27 }, (_, i) => ({
      label: `B${i}`.padEnd(80, '.'),
      action: { id: 'ask' as const, value: `v${i}` },
    }))
    buttons.push({ label: 'huge', action: { id: 'ask', value: 'x'.repeat(2000) } })
    const blocks = blocksOf([{ type: 'actions', buttons }]) as { type: string; elements: { text: { text: string }; action_id: string }[] }[]
    expect(blocks.map((b) => b.elements.length)).toEqual([25, 2])
    expect(blocks[0]!.elements[0]!.text.text).toBe('B0'.padEnd(74, '.') + '…')
    expect(blocks[1]!.elements.map((e) => e.action_id)).toEqual(['ladder:25', 'ladder:26'])
  })

  it('context and divider', () => {
    expect(blocksOf([{ type: 'context', text: 'Method **v2** <x>' }, { type: 'divider' }])).toEqual([
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'Method *v2* &lt;x&gt;' }] },
      { type: 'divider' },
    ])
  })

  it('a form inside a message becomes its title and a button that opens the modal', () => {
    const form = { key: 'evaluation:12', title: 'Evaluation of 李雷', submitLabel: '提交', fields: [] }
    expect(blocksOf([{ type: 'form', form }], 'zh-CN')).toEqual([
      {
        type: 'section',
        text: { type: 'mrkdwn', text: '*Evaluation of 李雷*' },
        accessory: {
          type: 'button',
          action_id: 'ladder:0',
          text: { type: 'plain_text', text: t('zh-CN', 'slack.openForm'), emoji: true },
          value: '{"a":"open_form","v":"evaluation:12"}',
          style: 'primary',
        },
      },
    ])
  })

  it('card.fallback is the message text, escaped', () => {
    expect(renderMessage(card([{ type: 'text', text: 'R&D <ok>' }])).text).toBe('R&amp;D &lt;ok&gt;')
  })
})

describe('limits: a long card is cut, never rejected', () => {
  const report = (rows: number): Card =>
    makeCard('en', { title: 'Team readiness' }, [
      {
        type: 'progress',
        rows: Array.from({ length: rows }, (_, i) => ({
          label: `Person ${i + 1}: Senior R&D Engineer → Staff R&D Engineer`,
          value: i % 101,
          target: 80,
        })),
      },
      { type: 'context', text: 'Method v1' },
      { type: 'actions', buttons: [{ label: 'My tasks', action: { id: 'ask', value: 'my_tasks' } }] },
    ])

  it('300 progress rows: within 50 blocks and the text budget, buttons kept, a note says how many rows are missing', () => {
    const { blocks } = renderMessage(report(300))
    expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.messageBlocks)
    expect(JSON.stringify(blocks).length).toBeLessThanOrEqual(SLACK_LIMITS.messageTextBudget)
    expect(blocks[0]!.type).toBe('header')
    expect(blocks.at(-1)!.type).toBe('actions')
    const sections = blocks.filter((b) => b.type === 'section') as { text: { text: string } }[]
    const shownRows = sections.reduce((n, s) => n + s.text.text.split('\n').length / 2, 0)
    // Every row is shown or counted in the note (the cut context block is one more entry).
    const notice = blocks.at(-2) as { type: string; elements: { text: string }[] }
    expect(notice).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: t('en', 'slack.truncated', { n: 300 - shownRows + 1 }) }],
    })
    expect(shownRows).toBeGreaterThan(50)
  })

  it('a card that fits is not touched', () => {
    const { blocks } = renderMessage(report(30))
    expect(blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'section', 'context', 'actions'])
  })

  it('more than 50 small blocks: 50 exactly, the last text ones replaced by the note', () => {
    const many = card(Array.from({ length: 60 }, (_, i) => ({ type: 'text' as const, text: `p${i}` })))
    const { blocks } = renderMessage(many)
    expect(blocks).toHaveLength(50)
    expect(blocks[48]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: 'p48' } })
    expect(blocks[49]).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: t('en', 'slack.truncated', { n: 11 }) }] })
  })

  it('the Home tab allows 100 blocks and no message text budget', () => {
    const many = card(
      Array.from({ length: 120 }, (_, i) => ({ type: 'text' as const, text: `p${i}` })),
      'zh-CN',
    )
    const view = renderHome(many)
    expect(view.type).toBe('home')
    expect(view.blocks).toHaveLength(100)
    expect(view.blocks[99]).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: t('zh-CN', 'slack.truncated', { n: 21 }) }] })
  })

  it('renderBlocks takes any limit', () => {
    const blocks = renderBlocks(card([{ type: 'divider' }, { type: 'divider' }, { type: 'divider' }]), { maxBlocks: 2 })
    // Only dividers were cut: nothing worth a note.
    expect(blocks).toEqual([{ type: 'divider' }])
  })
})

describe('hostile text from people, imports and the model (issue 17, finding 6)', () => {
  const HOSTILE = ['<https://evil.example|x>', '<!channel>', '<!here>', '<@U123>', '<#C123>', '@all', '<at user_id="all"></at>', 'a & b']
  const places: [string, (text: string) => Block[]][] = [
    ['text', (text) => [{ type: 'text', text: `**Course** ${text}` }]],
    ['context', (text) => [{ type: 'context', text }]],
    ['field label and value', (text) => [{ type: 'fields', fields: [{ label: text, value: text }] }]],
    ['progress label and note', (text) => [{ type: 'progress', rows: [{ label: text, value: 50, note: text }] }]],
    ['table cell', (text) => [{ type: 'table', columns: ['Course'], rows: [[text]] }]],
  ]
  /** Every mrkdwn text in the rendered blocks. */
  const mrkdwnOf = (blocks: Block[]): string[] => {
    const found: string[] = []
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) {
        node.forEach(walk)
        return
      }
      if (node === null || typeof node !== 'object') return
      const element = node as { type?: string; text?: unknown }
      if (element.type === 'mrkdwn' && typeof element.text === 'string') found.push(element.text)
      Object.values(node).forEach(walk)
    }
    walk(blocksOf(blocks))
    return found
  }

  describe.each(places)('%s', (_, blocksFor) => {
    it.each(HOSTILE)('%s makes no link, mention or entity', (hostile) => {
      const texts = mrkdwnOf(blocksFor(hostile))
      expect(texts.length).toBeGreaterThan(0)
      for (const text of texts) {
        expect(text).not.toMatch(/[<>]/)
        expect(text).not.toMatch(/&(?!amp;|lt;|gt;)/)
      }
    })
  })

  it('opens only web links from a button; any other scheme calls back', () => {
    const buttons = (url: string) =>
      JSON.stringify(blocksOf([{ type: 'actions', buttons: [{ label: 'Open', action: { id: 'ask', value: 'my_tasks' }, url }] }]))
    expect(buttons('https://learn.example/rd-101')).toContain('"url":"https://learn.example/rd-101"')
    for (const url of ['javascript:alert(1)', 'slack://open', 'https://a.example b']) expect(buttons(url)).not.toContain('"url"')
  })
})
