import { describe, expect, it } from 'vitest'
import { decodeFormOrigin, encodeFormOrigin } from '../../adapters/slack/form-metadata.js'
import { errorsByBlock } from '../../adapters/slack/handle-card-action.js'
import { FIELD_ACTION_ID, FORM_CALLBACK_ID, readViewValues, renderModal } from '../../adapters/slack/render-modal.js'
import type { Form } from '../../core/kernel/cards/card.js'
import viewSubmission from '../fixtures/platforms/slack/view_submission.json' with { type: 'json' }

const anchors = ['1 — well below', '2 — below', '3 — meets', '4 — above', '5 — role model']

describe('renderModal', () => {
  it('every field type as an input block keyed by field name', () => {
    const form: Form = {
      key: 'evaluation:7',
      title: 'Evaluation of Li Lei',
      submitLabel: 'Submit',
      fields: [
        { type: 'rating', name: 'dim_tech', label: 'Technical **skill**', min: 1, max: 5, anchors, required: true, initial: 3 },
        {
          type: 'select',
          name: 'track',
          label: 'Track',
          options: [
            { label: 'R&D', value: 'rd' },
            { label: 'Management', value: 'mg' },
          ],
          required: false,
          initial: 'mg',
        },
        { type: 'text', name: 'comment', label: 'Comment', multiline: true, maxLength: 5000, required: false, placeholder: 'Examples' },
        { type: 'date', name: 'due', label: 'Due', required: true, initial: '2026-12-01' },
      ],
    }
    const option = (text: string, value: string) => ({ text: { type: 'plain_text', text, emoji: true }, value })
    expect(renderModal(form, 'en', '{"k":"evaluation:7"}')).toEqual({
      type: 'modal',
      callback_id: FORM_CALLBACK_ID,
      title: { type: 'plain_text', text: 'Evaluation of Li Lei', emoji: true },
      submit: { type: 'plain_text', text: 'Submit', emoji: true },
      close: { type: 'plain_text', text: 'Cancel', emoji: true },
      private_metadata: '{"k":"evaluation:7"}',
      blocks: [
        {
          type: 'input',
          block_id: 'dim_tech',
          label: { type: 'plain_text', text: 'Technical skill', emoji: true },
          optional: false,
          element: {
            type: 'static_select',
            action_id: FIELD_ACTION_ID,
            options: anchors.map((a, i) => option(a, String(i + 1))),
            initial_option: option('3 — meets', '3'),
          },
        },
        {
          type: 'input',
          block_id: 'track',
          label: { type: 'plain_text', text: 'Track', emoji: true },
          optional: true,
          element: {
            type: 'static_select',
            action_id: FIELD_ACTION_ID,
            options: [option('R&D', 'rd'), option('Management', 'mg')],
            initial_option: option('Management', 'mg'),
          },
        },
        {
          type: 'input',
          block_id: 'comment',
          label: { type: 'plain_text', text: 'Comment', emoji: true },
          optional: true,
          element: {
            type: 'plain_text_input',
            action_id: FIELD_ACTION_ID,
            multiline: true,
            max_length: 3000,
            placeholder: { type: 'plain_text', text: 'Examples', emoji: true },
          },
        },
        {
          type: 'input',
          block_id: 'due',
          label: { type: 'plain_text', text: 'Due', emoji: true },
          optional: false,
          element: { type: 'datepicker', action_id: FIELD_ACTION_ID, initial_date: '2026-12-01' },
        },
      ],
    })
  })

  it('a rating without anchors shows the numbers; a title over 24 characters is cut and repeated in a header', () => {
    const form: Form = {
      key: 'evaluation:8',
      title: '对李雷的主管评估(2026 年第四季度,研发中心 RD2 → RD3)',
      submitLabel: '提交',
      fields: [{ type: 'rating', name: 'r', label: 'R', min: 1, max: 3, required: true }],
    }
    const view = renderModal(form, 'zh-CN', '{}')
    expect(view.title).toEqual({ type: 'plain_text', text: '对李雷的主管评估(2026 年第四季度,研发中…', emoji: true })
    expect(view.close).toEqual({ type: 'plain_text', text: '取消', emoji: true })
    expect(view.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: form.title, emoji: true } })
    expect(
      (view.blocks[1] as { element: { options: { value: string; text: { text: string } }[] } }).element.options.map((o) => o.text.text),
    ).toEqual(['1', '2', '3'])
  })
})

describe('renderModal: the channel field', () => {
  const form = (initial?: string): Form => ({
    key: 'broadcast',
    title: 'Announce',
    submitLabel: 'Announce',
    fields: [
      {
        type: 'channel',
        name: 'channel',
        label: 'Channel',
        required: true,
        ...(initial
          ? {
              initial,
              options: [
                { label: 'This chat', value: initial },
                { label: 'Other', value: 'C0OTHER' },
              ],
            }
          : {}),
      },
    ],
  })
  const element = (f: Form) => (renderModal(f, 'en', '{}').blocks[0] as unknown as { element: Record<string, unknown> }).element

  it('is Slack’s conversation picker (the offered list is for pickerless platforms), channels only, pre-set to the channel it was asked in', () => {
    expect(element(form('C0TEAM'))).toEqual({
      type: 'conversations_select',
      action_id: FIELD_ACTION_ID,
      initial_conversation: 'C0TEAM',
      filter: { include: ['public', 'private'], exclude_bot_users: true },
    })
  })

  it('pre-sets nothing when asked in a DM (Slack would otherwise pick the DM itself)', () => {
    expect(element(form())).not.toHaveProperty('default_to_current_conversation')
    expect(element(form())).not.toHaveProperty('initial_conversation')
  })
})

describe('readViewValues', () => {
  it('reads select, datepicker and text input from the documented view_submission payload', () => {
    expect(readViewValues(viewSubmission.view.state.values)).toEqual({
      'date-of-visit': '2019-09-23',
      rating: '3',
      comment: 'Just amazing!',
    })
  })

  it('reads a conversation picker', () => {
    expect(readViewValues({ channel: { value: { type: 'conversations_select', selected_conversation: 'C0123' } } })).toEqual({
      channel: 'C0123',
    })
  })

  it('leaves out empty inputs and unselected options', () => {
    expect(
      readViewValues({
        a: { value: { type: 'plain_text_input', value: null } },
        b: { value: { type: 'static_select', selected_option: null } },
      }),
    ).toEqual({})
  })
})

describe('form origin in private_metadata', () => {
  it.each([
    [{ formKey: 'evaluation:1', channelId: 'D1', messageTs: '1.2' }],
    [{ formKey: 'evaluation:1', isHome: true }],
    [{ formKey: 'evaluation:1' }],
  ])('round-trips %j', (origin) => {
    expect(decodeFormOrigin(encodeFormOrigin(origin))).toEqual(origin)
  })

  it.each([undefined, '', 'not json', '[]', '{"k":5}', '{"c":"D1"}'])('refuses %j', (metadata) => {
    expect(decodeFormOrigin(metadata)).toBeNull()
  })
})

describe('errorsByBlock', () => {
  const blocks = [{ type: 'header' }, { type: 'input', block_id: 'dim_a' }, { type: 'input', block_id: 'comment' }]
  const notice = { tone: 'error' as const, text: 'Please check the form' }
  it.each([
    [
      'known fields map one to one',
      { errors: { dim_a: 'Required', comment: 'Too long' }, notice },
      { dim_a: 'Required', comment: 'Too long' },
    ],
    [
      'an unknown field goes to the first input',
      { errors: { dim_zz: 'Required', dim_a: 'Pick one' }, notice },
      { dim_a: 'Required Pick one' },
    ],
    [
      'no field errors: the notice on the first input',
      { errors: {}, notice: { tone: 'error' as const, text: 'Not open' } },
      { dim_a: 'Not open' },
    ],
  ])('%s', (_name, reply, expected) => {
    expect(errorsByBlock(blocks, reply)).toEqual(expected)
  })
})
