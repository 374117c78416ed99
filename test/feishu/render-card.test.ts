import { describe, expect, it } from 'vitest'
import { countComponents, MAX_CARD_BODY_BYTES, MAX_CARD_ELEMENTS } from '../../adapters/feishu/card-json.js'
import { renderCard } from '../../adapters/feishu/render-card.js'
import { makeCard } from '../../core/kernel/cards/build.js'
import type { Block, Card, Form } from '../../core/kernel/cards/card.js'

const card = (blocks: Block[], header?: Card['header']): Card => makeCard('en', header, blocks)
const elementsOf = (blocks: Block[]) => renderCard(card(blocks)).body.elements

describe('renderCard: card frame', () => {
  it('always declares schema 2.0 and update_multi, with the header colour from the tone', () => {
    expect(renderCard(card([], { title: 'Promotion gap', subtitle: 'RD2 → RD3', tone: 'warning' }))).toEqual({
      schema: '2.0',
      config: { update_multi: true },
      header: {
        title: { tag: 'plain_text', content: 'Promotion gap' },
        subtitle: { tag: 'plain_text', content: 'RD2 → RD3' },
        template: 'orange',
      },
      body: { elements: [] },
    })
  })

  it.each([
    ['info', 'blue'],
    ['success', 'green'],
    ['warning', 'orange'],
    ['danger', 'red'],
    [undefined, 'blue'],
  ] as const)('tone %s → template %s', (tone, template) => {
    expect(renderCard(card([], { title: 'T', ...(tone ? { tone } : {}) })).header).toEqual({
      title: { tag: 'plain_text', content: 'T' },
      template,
    })
  })

  it('omits the header when the card has none', () => {
    expect(renderCard(card([{ type: 'divider' }]))).toEqual({
      schema: '2.0',
      config: { update_multi: true },
      body: { elements: [{ tag: 'hr' }] },
    })
  })
})

describe('renderCard: one block each', () => {
  it('text → markdown (our **bold** is Feishu markdown), with tag characters escaped', () => {
    expect(elementsOf([{ type: 'text', text: '**Gap** to RD3\n- exam <at id=all></at>' }])).toEqual([
      { tag: 'markdown', content: '**Gap** to RD3\n- exam &#60;at id=all&#62;&#60;/at&#62;' },
    ])
  })

  it('context → notation-size markdown', () => {
    expect(elementsOf([{ type: 'context', text: 'Updated today' }])).toEqual([
      { tag: 'markdown', content: 'Updated today', text_size: 'notation' },
    ])
  })

  it('divider → hr', () => {
    expect(elementsOf([{ type: 'divider' }])).toEqual([{ tag: 'hr' }])
  })

  it('fields → a two-column column_set, label over value', () => {
    expect(
      elementsOf([
        {
          type: 'fields',
          fields: [
            { label: 'Job', value: 'RD2' },
            { label: 'Target', value: 'RD3' },
          ],
        },
      ]),
    ).toEqual([
      {
        tag: 'column_set',
        flex_mode: 'bisect',
        horizontal_spacing: '8px',
        columns: [
          { tag: 'column', width: 'weighted', weight: 1, elements: [{ tag: 'markdown', content: '**Job**\nRD2' }] },
          { tag: 'column', width: 'weighted', weight: 1, elements: [{ tag: 'markdown', content: '**Target**\nRD3' }] },
        ],
      },
    ])
  })

  it('progress → one markdown of text bars, with target and note', () => {
    expect(
      elementsOf([
        {
          type: 'progress',
          rows: [
            { label: 'Technical skill', value: 85, target: 90 },
            { label: 'Culture', value: 100 },
            { label: 'Projects', value: 4.6, note: 'largest gap' }, // 4.6 → 5 → half a cell rounds up,
          ],
        },
      ]),
    ).toEqual([
      {
        tag: 'markdown',
        content: '**Technical skill** █████████░ 85% / 90%\n**Culture** ██████████ 100%\n**Projects** █░░░░░░░░░ 5% · largest gap',
      },
    ])
  })

  it('table → the card 2.0 table component', () => {
    expect(elementsOf([{ type: 'table', columns: ['Name', 'Overdue'], rows: [['Li Lei', '2'], ['Alex']] }])).toEqual([
      {
        tag: 'table',
        page_size: 2,
        row_height: 'low',
        header_style: { bold: true, background_style: 'grey' },
        columns: [
          { name: 'c0', display_name: 'Name', data_type: 'text', width: 'auto' },
          { name: 'c1', display_name: 'Overdue', data_type: 'text', width: 'auto' },
        ],
        rows: [
          { c0: 'Li Lei', c1: '2' },
          { c0: 'Alex', c1: '' },
        ],
      },
    ])
  })

  it('actions → buttons in a flowing column_set; callbacks carry the ActionRef, links open the URL', () => {
    expect(
      elementsOf([
        {
          type: 'actions',
          buttons: [
            { label: 'Enrol', action: { id: 'enrol', value: 'PM101' }, style: 'primary' },
            { label: 'Open course', action: { id: 'ask', value: 'help' }, url: 'https://learn.example.com/pm101' },
          ],
        },
      ]),
    ).toEqual([
      {
        tag: 'column_set',
        flex_mode: 'flow',
        horizontal_spacing: '8px',
        columns: [
          {
            tag: 'column',
            width: 'auto',
            elements: [
              {
                tag: 'button',
                text: { tag: 'plain_text', content: 'Enrol' },
                type: 'primary',
                behaviors: [{ type: 'callback', value: { a: 'enrol', v: 'PM101' } }],
              },
            ],
          },
          {
            tag: 'column',
            width: 'auto',
            elements: [
              {
                tag: 'button',
                text: { tag: 'plain_text', content: 'Open course' },
                type: 'default',
                behaviors: [{ type: 'open_url', default_url: 'https://learn.example.com/pm101' }],
              },
            ],
          },
        ],
      },
    ])
  })

  it('empty fields, progress, table and actions render nothing', () => {
    expect(
      elementsOf([
        { type: 'fields', fields: [] },
        { type: 'progress', rows: [] },
        { type: 'table', columns: [], rows: [] },
        { type: 'actions', buttons: [] },
      ]),
    ).toEqual([])
  })
})

describe('renderCard: form container', () => {
  const form: Form = {
    key: 'evaluation:12',
    title: 'Evaluate Li Lei',
    submitLabel: 'Submit',
    fields: [
      {
        type: 'rating',
        name: 'dim_tech',
        label: 'Technical skill',
        min: 1,
        max: 3,
        anchors: ['Below', 'Meets', 'Exceeds'],
        required: true,
        initial: 2,
      },
      { type: 'select', name: 'track', label: 'Track', options: [{ label: 'R&D', value: 'rd' }], required: false },
      {
        type: 'text',
        name: 'comment',
        label: 'Comment',
        multiline: true,
        maxLength: 1000,
        required: false,
        placeholder: 'Examples help',
        initial: 'Good',
      },
      { type: 'text', name: 'title', label: 'Title', multiline: false, maxLength: 50, required: true },
      { type: 'date', name: 'due', label: 'Due', required: false, initial: '2026-12-01' },
    ],
    errors: { dim_tech: 'Choose a rating' },
  }

  it('renders every field type, the errors and a submit button with form_action_type submit', () => {
    expect(elementsOf([{ type: 'form', form }])).toEqual([
      {
        tag: 'form',
        name: 'ladder_form',
        elements: [
          { tag: 'markdown', content: '**Evaluate Li Lei**' },
          { tag: 'markdown', content: "**Technical skill** <font color='red'>*</font>" },
          {
            tag: 'select_static',
            name: 'dim_tech',
            required: true,
            width: 'fill',
            options: [
              { text: { tag: 'plain_text', content: '1 · Below' }, value: '1' },
              { text: { tag: 'plain_text', content: '2 · Meets' }, value: '2' },
              { text: { tag: 'plain_text', content: '3 · Exceeds' }, value: '3' },
            ],
            initial_option: '2',
          },
          { tag: 'markdown', content: "<font color='red'>Choose a rating</font>", text_size: 'notation' },
          { tag: 'markdown', content: '**Track**' },
          {
            tag: 'select_static',
            name: 'track',
            required: false,
            width: 'fill',
            options: [{ text: { tag: 'plain_text', content: 'R&D' }, value: 'rd' }],
          },
          { tag: 'markdown', content: '**Comment**' },
          {
            tag: 'input',
            name: 'comment',
            required: false,
            width: 'fill',
            max_length: 1000,
            input_type: 'multiline_text',
            rows: 4,
            placeholder: { tag: 'plain_text', content: 'Examples help' },
            default_value: 'Good',
          },
          { tag: 'markdown', content: "**Title** <font color='red'>*</font>" },
          { tag: 'input', name: 'title', required: true, width: 'fill', max_length: 50 },
          { tag: 'markdown', content: '**Due**' },
          { tag: 'date_picker', name: 'due', required: false, width: 'fill', initial_date: '2026-12-01' },
          {
            tag: 'button',
            name: 'ladder_submit',
            text: { tag: 'plain_text', content: 'Submit' },
            type: 'primary',
            form_action_type: 'submit',
            behaviors: [{ type: 'callback', value: { a: 'submit_form', v: 'evaluation:12' } }],
          },
        ],
      },
    ])
  })

  it('leaves out the form title when the card header already shows it', () => {
    const rendered = renderCard(card([{ type: 'form', form: { ...form, fields: [] } }], { title: 'Evaluate Li Lei' }))
    expect((rendered.body.elements[0]!.elements as { content?: string }[])[0]).toEqual(expect.objectContaining({ tag: 'button' }))
  })
})

describe('renderCard: i18n from the alternate card', () => {
  it('localises every text in place with i18n_content and lists the locales', () => {
    const zh = makeCard('zh-CN', { title: '晋升差距', tone: 'info' }, [
      { type: 'text', text: '**技术能力**' },
      { type: 'actions', buttons: [{ label: '报名', action: { id: 'enrol', value: 'PM101' } }] },
      {
        type: 'form',
        form: {
          key: 'evaluation:1',
          title: '评价',
          submitLabel: '提交',
          fields: [{ type: 'text', name: 'c', label: '评语', multiline: false, maxLength: 10, required: false, initial: '好' }],
        },
      },
    ])
    const en = makeCard('en', { title: 'Promotion gap', tone: 'info' }, [
      { type: 'text', text: '**Technical skill**' },
      { type: 'actions', buttons: [{ label: 'Enrol', action: { id: 'enrol', value: 'PM101' } }] },
      {
        type: 'form',
        form: {
          key: 'evaluation:1',
          title: 'Evaluate',
          submitLabel: 'Submit',
          fields: [{ type: 'text', name: 'c', label: 'Comment', multiline: false, maxLength: 10, required: false, initial: 'Good' }],
        },
      },
    ])
    expect(renderCard({ ...zh, alternate: en })).toEqual({
      schema: '2.0',
      config: { update_multi: true, locales: ['zh_cn', 'en_us'] },
      header: {
        title: { tag: 'plain_text', content: '晋升差距', i18n_content: { zh_cn: '晋升差距', en_us: 'Promotion gap' } },
        template: 'blue',
      },
      body: {
        elements: [
          { tag: 'markdown', content: '**技术能力**', i18n_content: { zh_cn: '**技术能力**', en_us: '**Technical skill**' } },
          {
            tag: 'column_set',
            flex_mode: 'flow',
            horizontal_spacing: '8px',
            columns: [
              {
                tag: 'column',
                width: 'auto',
                elements: [
                  {
                    tag: 'button',
                    text: { tag: 'plain_text', content: '报名', i18n_content: { zh_cn: '报名', en_us: 'Enrol' } },
                    type: 'default',
                    behaviors: [{ type: 'callback', value: { a: 'enrol', v: 'PM101' } }],
                  },
                ],
              },
            ],
          },
          {
            tag: 'form',
            name: 'ladder_form',
            elements: [
              { tag: 'markdown', content: '**评价**', i18n_content: { zh_cn: '**评价**', en_us: '**Evaluate**' } },
              { tag: 'markdown', content: '**评语**', i18n_content: { zh_cn: '**评语**', en_us: '**Comment**' } },
              {
                tag: 'input',
                name: 'c',
                required: false,
                width: 'fill',
                max_length: 10,
                default_value: '好',
                i18n_default_value: { zh_cn: '好', en_us: 'Good' },
              },
              {
                tag: 'button',
                name: 'ladder_submit',
                text: { tag: 'plain_text', content: '提交', i18n_content: { zh_cn: '提交', en_us: 'Submit' } },
                type: 'primary',
                form_action_type: 'submit',
                behaviors: [{ type: 'callback', value: { a: 'submit_form', v: 'evaluation:1' } }],
              },
            ],
          },
        ],
      },
    })
  })

  it('keeps the primary language where the two cards differ in shape', () => {
    const zh = makeCard('zh-CN', undefined, [{ type: 'text', text: '你好' }, { type: 'divider' }])
    const en = makeCard('en', undefined, [{ type: 'text', text: 'Hello' }])
    expect(renderCard({ ...zh, alternate: en }).body.elements).toEqual([{ tag: 'markdown', content: '你好' }, { tag: 'hr' }])
  })
})

describe('renderCard: the 200-component limit', () => {
  it('keeps whole blocks under the limit and ends with a line saying how many were left out', () => {
    const blocks: Block[] = Array.from({ length: 250 }, (_, i) => ({ type: 'text', text: `line ${i}` }))
    const rendered = renderCard(card(blocks))
    expect(countComponents(rendered.body.elements)).toBe(MAX_CARD_ELEMENTS)
    expect(rendered.body.elements[198]).toEqual({ tag: 'markdown', content: 'line 198' })
    expect(rendered.body.elements[199]).toEqual({
      tag: 'markdown',
      content: '… 51 more sections do not fit in one Feishu card. Ask me again with a narrower question to see them.',
      text_size: 'notation',
    })
  })

  it('counts nested components: a button row costs one set, one column and one button per button', () => {
    const row: Block = {
      type: 'actions',
      buttons: Array.from({ length: 3 }, (_, i) => ({ label: `b${i}`, action: { id: 'enrol' as const, value: `C${i}` } })),
    }
    const rendered = renderCard(card(Array.from({ length: 40 }, () => row)))
    // 7 components per row: 28 rows fit in 199, then the pointer line.
    expect(rendered.body.elements).toHaveLength(29)
    expect(countComponents(rendered.body.elements)).toBe(28 * 7 + 1)
    expect(rendered.body.elements[28]).toEqual(expect.objectContaining({ content: expect.stringContaining('12 more sections') }))
  })

  it('leaves a card of exactly 200 components whole', () => {
    const blocks: Block[] = Array.from({ length: 200 }, () => ({ type: 'divider' }))
    expect(renderCard(card(blocks)).body.elements).toHaveLength(200)
  })
})

describe('renderCard: the 30 KB content limit', () => {
  const long = (i: number, lang: string) => `${lang} ${i}: ${'长文本'.repeat(300)}` // ~2.7 KB per block in UTF-8
  const size = (c: unknown) => Buffer.byteLength(JSON.stringify(c))

  it('keeps whole blocks under 30 KB and says how many were left out', () => {
    const rendered = renderCard(card(Array.from({ length: 40 }, (_, i): Block => ({ type: 'text', text: long(i, 'zh') }))))
    expect(size(rendered)).toBeLessThanOrEqual(30 * 1024)
    const elements = rendered.body.elements
    expect(elements.length).toBeGreaterThan(5)
    expect(elements.at(-1)).toEqual(
      expect.objectContaining({ content: expect.stringContaining(`${40 - (elements.length - 1)} more sections`) }),
    )
  })

  it('keeps a two-language card under the limit too, both languages in each text', () => {
    const zh = makeCard(
      'zh-CN',
      undefined,
      Array.from({ length: 40 }, (_, i): Block => ({ type: 'text', text: long(i, 'zh') })),
    )
    const en = makeCard(
      'en',
      undefined,
      Array.from({ length: 40 }, (_, i): Block => ({ type: 'text', text: long(i, 'en') })),
    )
    const rendered = renderCard({ ...zh, alternate: en })
    expect(size(rendered)).toBeLessThanOrEqual(30 * 1024)
    expect(rendered.body.elements[0]).toEqual(
      expect.objectContaining({ i18n_content: expect.objectContaining({ en_us: expect.stringContaining('en 0') }) }),
    )
  })

  it('leaves a card under the budget whole', () => {
    const blocks: Block[] = Array.from({ length: 5 }, (_, i) => ({ type: 'text', text: long(i, 'zh') }))
    expect(size(blocks)).toBeLessThan(MAX_CARD_BODY_BYTES)
    expect(renderCard(card(blocks)).body.elements).toHaveLength(5)
  })
})

describe('renderCard: hostile text from people, imports and the model (issue 17, finding 6)', () => {
  const HOSTILE = [
    '[x](https://evil.example)',
    '<https://evil.example|x>',
    '<!channel>',
    '@all',
    '<at user_id="all"></at>',
    '<a href="https://evil.example">x</a>',
    '![img](https://evil.example/p.png)',
    '*em* _em_ ~~del~~ `code` # heading \\[x\\](https://evil.example)',
  ]
  /** Every place a neutral card carries text into Feishu markdown. */
  const places: [string, (text: string) => Block[]][] = [
    ['text', (text) => [{ type: 'text', text: `**Course** ${text}` }]],
    ['context', (text) => [{ type: 'context', text }]],
    ['field label', (text) => [{ type: 'fields', fields: [{ label: text, value: 'v' }] }]],
    ['field value', (text) => [{ type: 'fields', fields: [{ label: 'Title', value: text }] }]],
    ['progress label and note', (text) => [{ type: 'progress', rows: [{ label: text, value: 50, note: text }] }]],
    [
      'form title, intro and field label',
      (text) => [
        {
          type: 'form',
          form: {
            key: 'evaluation:1',
            title: text,
            intro: text,
            submitLabel: 'Send',
            fields: [{ type: 'text', name: 'comment', label: text, required: false, multiline: true }],
          } as Form,
        },
      ],
    ],
  ]
  /** The markdown contents rendered, with the entities Feishu shows as characters taken out. */
  const markdownOf = (blocks: Block[]): string[] => {
    const found: string[] = []
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) {
        node.forEach(walk)
        return
      }
      if (node === null || typeof node !== 'object') return
      const element = node as { tag?: string; content?: unknown }
      if (element.tag === 'markdown' && typeof element.content === 'string') found.push(element.content)
      Object.values(node).forEach(walk)
    }
    walk(elementsOf(blocks))
    return found.map((content) => content.replace(/&#\d+;/g, ''))
  }

  describe.each(places)('%s', (_, blocksFor) => {
    it.each(HOSTILE)('%s renders as text: no link, tag, mention or formatting', (hostile) => {
      const rendered = markdownOf(blocksFor(hostile))
      expect(rendered.length).toBeGreaterThan(0)
      // Left: letters, our **bold** pairs, and punctuation markdown does not act on.
      for (const content of rendered) expect(content).not.toMatch(/[<>[\]()_~`#\\]|(?<!\*)\*(?!\*)/)
    })
  })

  it('keeps our own markup: **bold** pairs and "- " bullets', () => {
    expect(elementsOf([{ type: 'text', text: '**Gap** to RD3 (2 items)\n- exam [x](https://evil.example)' }])).toEqual([
      { tag: 'markdown', content: '**Gap** to RD3 &#40;2 items&#41;\n- exam &#91;x&#93;&#40;https://evil.example&#41;' },
    ])
  })

  it('opens only web links from a button; any other scheme calls back', () => {
    const buttons = (url: string) =>
      elementsOf([{ type: 'actions', buttons: [{ label: 'Open', action: { id: 'ask', value: 'my_tasks' }, url }] }])
    expect(JSON.stringify(buttons('https://learn.example/rd-101'))).toContain('"open_url"')
    for (const url of ['javascript:alert(1)', 'lark://applink/evil', 'https://a.example b']) {
      expect(JSON.stringify(buttons(url))).not.toContain('open_url')
    }
  })
})
