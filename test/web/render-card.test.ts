import { describe, expect, it } from 'vitest'
import { escapeHtml, isSafeLink } from '../../adapters/web/escape.js'
import { blockHtml, inlineHtml } from '../../adapters/web/markup.js'
import { renderBlockHtml, renderCardHtml } from '../../adapters/web/render-card.js'
import { renderFormHtml } from '../../adapters/web/render-form.js'
import { makeCard } from '../../core/kernel/cards/build.js'
import type { Block, Card, Form } from '../../core/kernel/cards/card.js'

const en = (block: Block) => renderBlockHtml(block, 'en', 'x')

describe('escaping', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    [`"quoted" & 'single'`, '&quot;quoted&quot; &amp; &#39;single&#39;'],
    ['李雷', '李雷'],
  ])('%s', (input, expected) => expect(escapeHtml(input)).toBe(expected))

  it.each([
    ['https://learn.example.com/c/1', true],
    ['http://intranet/course', true],
    ['javascript:alert(1)', false],
    ['data:text/html,<b>x</b>', false],
    ['/relative/path', false],
  ])('link %s is safe: %s', (url, expected) => expect(isSafeLink(url)).toBe(expected))
})

describe('text markup', () => {
  it('bold, escaped, with line breaks', () => {
    expect(inlineHtml('**Gap** <b>x</b>\nnext')).toBe('<strong>Gap</strong> &lt;b&gt;x&lt;/b&gt;<br>next')
  })
  it('a bold marker cannot smuggle a tag', () => {
    expect(inlineHtml('**<img src=x onerror=alert(1)>**')).toBe('<strong>&lt;img src=x onerror=alert(1)&gt;</strong>')
  })
  it('paragraphs and bullet runs', () => {
    expect(blockHtml('**Close the gap**\n- one\n- **two**\nafter\n\nnew para')).toBe(
      '<p><strong>Close the gap</strong></p><ul><li>one</li><li><strong>two</strong></li></ul><p>after</p><p>new para</p>',
    )
  })
})

describe('blocks', () => {
  it('text', () => {
    expect(en({ type: 'text', text: 'Hello **Li**\n- a & b' })).toBe(
      '<div class="text"><p>Hello <strong>Li</strong></p><ul><li>a &amp; b</li></ul></div>',
    )
  })

  it('context is small print', () => {
    expect(en({ type: 'context', text: 'Method: v2 <i>' })).toBe('<p class="context"><small>Method: v2 &lt;i&gt;</small></p>')
  })

  it('divider', () => {
    expect(en({ type: 'divider' })).toBe('<hr>')
  })

  it('fields are a description list', () => {
    expect(en({ type: 'fields', fields: [{ label: 'Overall', value: '**75%** (need 80%)' }] })).toBe(
      '<dl class="fields"><div><dt>Overall</dt><dd><strong>75%</strong> (need 80%)</dd></div></dl>',
    )
  })

  it('progress rows: <progress> labelled, described by value and target, marker from data-target', () => {
    const html = en({
      type: 'progress',
      rows: [
        { label: 'Technical skill (40%)', value: 62.4, target: 80, note: 'not assessed' },
        { label: 'Culture', value: 95, target: 80 },
        { label: 'Overall', value: 130 },
      ],
    })
    expect(html).toBe(
      '<ul class="progress">' +
        '<li class="progress-row is-short"><span class="progress-label" id="x-0-label">Technical skill (40%)</span>' +
        '<span class="bar" data-target="80"><progress max="100" value="62" aria-labelledby="x-0-label" aria-describedby="x-0-value">62%</progress>' +
        '<span class="bar-target" aria-hidden="true"></span></span>' +
        '<span class="progress-value" id="x-0-value" aria-label="62%, target 80%">62% / 80%</span> <small class="progress-note">not assessed</small></li>' +
        '<li class="progress-row is-met"><span class="progress-label" id="x-1-label">Culture</span>' +
        '<span class="bar" data-target="80"><progress max="100" value="95" aria-labelledby="x-1-label" aria-describedby="x-1-value">95%</progress>' +
        '<span class="bar-target" aria-hidden="true"></span></span>' +
        '<span class="progress-value" id="x-1-value" aria-label="95%, target 80%">95% / 80%</span></li>' +
        '<li class="progress-row"><span class="progress-label" id="x-2-label">Overall</span>' +
        '<span class="bar"><progress max="100" value="100" aria-labelledby="x-2-label" aria-describedby="x-2-value">130%</progress></span>' +
        '<span class="progress-value" id="x-2-value" aria-label="130%">130%</span></li>' +
        '</ul>',
    )
  })

  it('progress values are spoken in the card language', () => {
    expect(renderBlockHtml({ type: 'progress', rows: [{ label: '业务能力', value: 60, target: 75 }] }, 'zh-CN', 'z')).toContain(
      'aria-label="60%,目标 75%"',
    )
  })

  it('table with column and row headers', () => {
    expect(
      en({
        type: 'table',
        columns: ['Name', 'Match'],
        rows: [
          ['Li <Lei>', '**80%**'],
          ['Han', '70%'],
        ],
      }),
    ).toBe(
      '<div class="table-wrap"><table><thead><tr><th scope="col">Name</th><th scope="col">Match</th></tr></thead>' +
        '<tbody><tr><th scope="row">Li &lt;Lei&gt;</th><td><strong>80%</strong></td></tr><tr><th scope="row">Han</th><td>70%</td></tr></tbody></table></div>',
    )
  })

  it('actions: buttons carry the ActionRef, link buttons are anchors, unsafe links fall back to the action', () => {
    const html = en({
      type: 'actions',
      buttons: [
        { label: 'Enrol in "Design"', action: { id: 'enrol', value: 'RD-201' }, style: 'primary' },
        { label: 'Snooze', action: { id: 'snooze', value: 'training:3:1d' } },
        { label: 'Open course', action: { id: 'ask', value: 'my_tasks' }, url: 'https://learn.example.com/?a=1&b=2' },
        { label: 'Bad link', action: { id: 'ask', value: 'help' }, url: 'javascript:alert(1)', style: 'danger' },
      ],
    })
    expect(html).toBe(
      '<div class="actions">' +
        '<button type="button" class="btn btn-primary" data-action-id="enrol" data-action-value="RD-201">Enrol in &quot;Design&quot;</button>' +
        '<button type="button" class="btn btn-default" data-action-id="snooze" data-action-value="training:3:1d">Snooze</button>' +
        '<a class="btn btn-default" href="https://learn.example.com/?a=1&amp;b=2" target="_blank" rel="noopener noreferrer">Open course</a>' +
        '<button type="button" class="btn btn-danger" data-action-id="ask" data-action-value="help">Bad link</button>' +
        '</div>',
    )
  })
})

describe('forms', () => {
  const form: Form = {
    key: 'evaluation:12',
    title: 'Evaluate Li Lei',
    submitLabel: 'Submit',
    fields: [
      { type: 'rating', name: 'dim_tech', label: 'Technical skill', min: 1, max: 3, anchors: ['Weak', 'OK', 'Strong'], required: true },
      {
        type: 'select',
        name: 'track',
        label: 'Track',
        options: [
          { label: 'R&D', value: 'rd' },
          { label: 'Mgmt', value: 'mg' },
        ],
        required: false,
      },
      { type: 'text', name: 'comment', label: 'Comment', multiline: true, maxLength: 1000, required: false, placeholder: 'Be specific' },
      { type: 'text', name: 'title', label: 'Title', multiline: false, maxLength: 80, required: true, initial: 'a"b' },
      { type: 'date', name: 'due', label: 'Due', required: true, initial: '2026-12-01' },
    ],
  }

  it('every field type, with labels, required and maxlength', () => {
    expect(renderFormHtml(form, 'p')).toBe(
      '<form class="card-form" data-form-key="evaluation:12" aria-labelledby="p-legend"><fieldset><legend id="p-legend">Evaluate Li Lei</legend>' +
        '<fieldset class="field field-rating" id="p-f0"><legend>Technical skill</legend><div class="rating">' +
        '<label class="rating-point"><input type="radio" name="dim_tech" value="1" required><span class="rating-value">1</span> <span class="rating-anchor">Weak</span></label>' +
        '<label class="rating-point"><input type="radio" name="dim_tech" value="2" required><span class="rating-value">2</span> <span class="rating-anchor">OK</span></label>' +
        '<label class="rating-point"><input type="radio" name="dim_tech" value="3" required><span class="rating-value">3</span> <span class="rating-anchor">Strong</span></label>' +
        '</div></fieldset>' +
        '<div class="field field-select"><label for="p-f1">Track</label><select id="p-f1" name="track"><option value="">—</option><option value="rd">R&amp;D</option><option value="mg">Mgmt</option></select></div>' +
        '<div class="field field-text"><label for="p-f2">Comment</label><textarea id="p-f2" name="comment" maxlength="1000" placeholder="Be specific" rows="4"></textarea></div>' +
        '<div class="field field-text"><label for="p-f3">Title</label><input type="text" id="p-f3" name="title" maxlength="80" required value="a&quot;b"></div>' +
        '<div class="field field-date"><label for="p-f4">Due</label><input type="date" id="p-f4" name="due" required value="2026-12-01"></div>' +
        '<div class="form-actions"><button type="submit" class="btn btn-primary">Submit</button></div></fieldset></form>',
    )
  })

  it('errors are bound to their fields with aria-describedby; unknown ones are listed on top', () => {
    const html = renderFormHtml(
      {
        key: 'evaluation:3',
        title: 'T',
        submitLabel: 'S',
        fields: [
          { type: 'rating', name: 'dim_a', label: 'A', min: 1, max: 2, required: true, initial: 2, anchors: ['1 — below'] },
          { type: 'select', name: 's', label: 'S', options: [{ label: 'X', value: 'x' }], required: true, initial: 'x' },
          { type: 'text', name: 'c', label: 'C', multiline: true, maxLength: 5, required: false, initial: '<too long>' },
        ],
        errors: { dim_a: 'Please rate', c: 'Too long', other: 'Task closed' },
      },
      'q',
    )
    expect(html).toBe(
      '<form class="card-form" data-form-key="evaluation:3" aria-labelledby="q-legend"><fieldset><legend id="q-legend">T</legend>' +
        '<ul class="form-errors" role="alert"><li>Task closed</li></ul>' +
        '<fieldset class="field field-rating" id="q-f0" aria-invalid="true" aria-describedby="q-f0-error"><legend>A</legend><div class="rating">' +
        '<label class="rating-point"><input type="radio" name="dim_a" value="1" required><span class="rating-anchor">1 — below</span></label>' +
        '<label class="rating-point"><input type="radio" name="dim_a" value="2" required checked><span class="rating-value">2</span></label>' +
        '</div><p class="field-error" id="q-f0-error">Please rate</p></fieldset>' +
        '<div class="field field-select"><label for="q-f1">S</label><select id="q-f1" name="s" required><option value="x" selected>X</option></select></div>' +
        '<div class="field field-text"><label for="q-f2">C</label><textarea id="q-f2" name="c" maxlength="5" aria-invalid="true" aria-describedby="q-f2-error" rows="4">&lt;too long&gt;</textarea>' +
        '<p class="field-error" id="q-f2-error">Too long</p></div>' +
        '<div class="form-actions"><button type="submit" class="btn btn-primary">S</button></div></fieldset></form>',
    )
  })

  it('a form block renders the same form with the block id prefix', () => {
    expect(en({ type: 'form', form })).toBe(renderFormHtml(form, 'x'))
  })
})

describe('cards', () => {
  it('header with tone, subtitle and language; ids prefixed per block', () => {
    const card: Card = makeCard('zh-CN', { title: '李雷的晋升差距', subtitle: '当前:**研发工程师**', tone: 'warning' }, [
      { type: 'text', text: '你好' },
      { type: 'divider' },
      { type: 'progress', rows: [{ label: '业务能力', value: 50, target: 80 }] },
    ])
    expect(renderCardHtml(card, { idPrefix: 'r7' })).toBe(
      '<article class="card tone-warning" lang="zh-CN" aria-labelledby="r7-title">' +
        '<header class="card-header"><h2 id="r7-title" tabindex="-1">李雷的晋升差距</h2><p class="card-subtitle">当前:研发工程师</p></header>' +
        '<div class="text"><p>你好</p></div><hr>' +
        '<ul class="progress"><li class="progress-row is-short"><span class="progress-label" id="r7-b2-0-label">业务能力</span>' +
        '<span class="bar" data-target="80"><progress max="100" value="50" aria-labelledby="r7-b2-0-label" aria-describedby="r7-b2-0-value">50%</progress>' +
        '<span class="bar-target" aria-hidden="true"></span></span><span class="progress-value" id="r7-b2-0-value" aria-label="50%,目标 80%">50% / 80%</span></li></ul>' +
        '</article>',
    )
  })

  it('a card without header is a plain article; its title cannot inject markup', () => {
    expect(renderCardHtml(makeCard('en', undefined, [{ type: 'text', text: 'Hi' }]), { idPrefix: 'a' })).toBe(
      '<article class="card" lang="en"><div class="text"><p>Hi</p></div></article>',
    )
    expect(renderCardHtml(makeCard('en', { title: '<img src=x onerror=alert(1)>' }, []), { idPrefix: 'b' })).toBe(
      '<article class="card" lang="en" aria-labelledby="b-title"><header class="card-header"><h2 id="b-title" tabindex="-1">&lt;img src=x onerror=alert(1)&gt;</h2></header></article>',
    )
  })
})
