// One table for the reply contract: what a use case answers (an ActionReply) ×
// where the button was (Surface) → what the person sees. Each row runs through
// the core's placement (placeReply, as createCore applies it) and then each
// platform for real: Slack through Bolt and its WebClient against the fake Slack
// API, Feishu through POST /feishu/cards against the fake Feishu API, the
// console through the function its /console/action route answers with. Each
// platform's observation is brought to the same neutral shape (Seen), so one
// expectation per row holds for all three.
import { isDeepStrictEqual } from 'node:util'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ACTION_PREFIX, encodeActionValue } from '../../adapters/slack/action-value.js'
import { decodeFormOrigin, encodeFormOrigin } from '../../adapters/slack/form-metadata.js'
import { FORM_CALLBACK_ID } from '../../adapters/slack/render-modal.js'
import { actionResponse } from '../../adapters/web/conversation-routes.js'
import { placeReply } from '../../core/app/place-reply.js'
import { makeCard } from '../../core/kernel/cards/build.js'
import type { ActionId, Card, Form } from '../../core/kernel/cards/card.js'
import { t } from '../../core/kernel/i18n/index.js'
import type { ActionReply, CoreApi, InboundAction, Surface } from '../../core/kernel/inbound.js'
import { cardActionEvent } from '../fakes/feishu-events.js'
import {
  createWorld,
  ENCRYPT_KEY,
  type Ladder,
  PEOPLE,
  postEncrypted,
  startLadder,
  VERIFICATION_TOKEN,
  type World,
} from '../feishu/support.js'
import { buttonClick, type SlackHarness, startSlackHarness, USERS, viewSubmission } from '../slack/harness.js'
import { waitUntil } from '../slack/wait.js'

// ---- The table ---------------------------------------------------------------

const card = (marker: string): Card => makeCard('en', { title: marker }, [{ type: 'text', text: `${marker} body` }])
const FORM: Form = {
  key: 'contract:form',
  title: 'FORM-TITLE',
  submitLabel: 'Send',
  fields: [{ type: 'text', name: 'note', label: 'Note', multiline: false, maxLength: 100, required: true }],
}
const formCard = (form: Form): Card => makeCard('en', { title: 'FORM-CARD' }, [{ type: 'form', form }])
const ERRORS = { note: 'NOTE-TOO-VAGUE' }
const TYPED = { note: 'TYPED-BY-HAND' }

/** What the person sees, the same words for every platform. Markers are card titles or texts. */
interface Seen {
  /** The card now in the clicked card's place. */
  replaced?: string
  /** A form opened (a Slack modal, a Feishu form card, a console inline form): its key. */
  form?: string
  /** A refused form shown again: its errors, and the typed values kept. */
  errors?: Record<string, string>
  kept?: string[]
  notice?: string
  /** A new message only the clicker sees. */
  toClicker?: string
}

interface Row {
  name: string
  reply: ActionReply
  surface: Surface['kind']
  actionId?: ActionId
  seen: Seen
  /** Platforms where this place exists (the console has no groups, only Slack has ephemerals, home and modals). */
  on: ('slack' | 'feishu' | 'console')[]
}

const ALL = ['slack', 'feishu', 'console'] as const
const CHATS = ['slack', 'feishu'] as const
const sentPrivately = t('en', 'feishu.sentPrivately')

const ROWS: Row[] = [
  {
    name: 'personal replace in a direct chat: the card is replaced, the notice beside it',
    reply: { kind: 'replace', card: card('MY-GAP'), notice: { tone: 'success', text: 'ENROLLED' }, isPersonal: true },
    surface: 'direct',
    seen: { replaced: 'MY-GAP', notice: 'ENROLLED' },
    on: [...ALL],
  },
  {
    name: 'personal replace on a shared group card: the group card stays, the clicker alone gets the card',
    reply: { kind: 'replace', card: card('MY-GAP'), notice: { tone: 'success', text: 'ENROLLED' }, isPersonal: true },
    surface: 'group',
    seen: { toClicker: 'MY-GAP', notice: 'ENROLLED' },
    on: [...CHATS],
  },
  {
    name: 'shared (not personal) replace in a group: the group card is replaced',
    reply: { kind: 'replace', card: card('SHARED-COUNT'), isPersonal: false },
    surface: 'group',
    seen: { replaced: 'SHARED-COUNT' },
    on: [...CHATS],
  },
  {
    name: 'personal replace answering a form submitted in a group: the clicker’s own form is replaced where it is',
    reply: { kind: 'replace', card: card('SAVED'), notice: { tone: 'success', text: 'THANKS' }, isPersonal: true },
    surface: 'group',
    actionId: 'submit_form',
    seen: { replaced: 'SAVED', notice: 'THANKS' },
    on: ['feishu'],
  },
  {
    name: 'personal replace on an ephemeral message: replaced for the clicker',
    reply: { kind: 'replace', card: card('MY-GAP'), isPersonal: true },
    surface: 'ephemeral',
    seen: { replaced: 'MY-GAP' },
    on: ['slack'],
  },
  {
    name: 'replace from App Home: the card comes by DM (home has no message to replace)',
    reply: { kind: 'replace', card: card('MY-GAP'), notice: { tone: 'success', text: 'ENROLLED' }, isPersonal: true },
    surface: 'home',
    seen: { toClicker: 'MY-GAP' },
    on: ['slack'],
  },
  {
    name: 'form in a direct chat: the form opens',
    reply: { kind: 'form', form: FORM, card: formCard(FORM) },
    surface: 'direct',
    actionId: 'open_form',
    seen: { form: 'contract:form' },
    on: [...ALL],
  },
  {
    name: 'form from a group card: the form opens (it belongs to whoever opened it)',
    reply: { kind: 'form', form: FORM, card: formCard(FORM) },
    surface: 'group',
    actionId: 'open_form',
    seen: { form: 'contract:form' },
    on: [...CHATS],
  },
  {
    name: 'a card holding a form in answer to "open form": the form opens (in a Slack message it would be another "Open form" button)',
    reply: { kind: 'replace', card: formCard(FORM), isPersonal: true },
    surface: 'direct',
    actionId: 'open_form',
    seen: { form: 'contract:form' },
    on: [...ALL],
  },
  {
    name: 'form_errors: the form again, errors under the fields, what was typed kept',
    reply: {
      kind: 'form_errors',
      form: { ...FORM, errors: ERRORS },
      card: formCard({ ...FORM, errors: ERRORS }),
      errors: ERRORS,
      values: TYPED,
      notice: { tone: 'error', text: 'CHECK-THE-FORM' },
    },
    surface: 'direct',
    actionId: 'submit_form',
    seen: { form: 'contract:form', errors: ERRORS, kept: ['TYPED-BY-HAND'], notice: 'CHECK-THE-FORM' },
    on: ['feishu', 'console'],
  },
  {
    name: 'form_errors in a Slack modal: the modal stays open with the errors (Slack keeps what was typed)',
    reply: {
      kind: 'form_errors',
      form: { ...FORM, errors: ERRORS },
      card: formCard({ ...FORM, errors: ERRORS }),
      errors: ERRORS,
      values: TYPED,
      notice: { tone: 'error', text: 'CHECK-THE-FORM' },
    },
    surface: 'modal',
    actionId: 'submit_form',
    seen: { errors: ERRORS },
    on: ['slack'],
  },
  {
    name: 'replace answering a Slack modal opened from a DM message: that message is replaced',
    reply: { kind: 'replace', card: card('SAVED'), notice: { tone: 'success', text: 'THANKS' }, isPersonal: true },
    surface: 'modal',
    actionId: 'submit_form',
    seen: { replaced: 'SAVED' },
    on: ['slack'],
  },
  {
    name: 'notify in a direct chat: the notice only',
    reply: { kind: 'notify', notice: { tone: 'info', text: 'SNOOZED' } },
    surface: 'direct',
    seen: { notice: 'SNOOZED' },
    on: [...ALL],
  },
  {
    name: 'notify on a group card: the notice only, for the clicker',
    reply: { kind: 'notify', notice: { tone: 'error', text: 'REFUSED' } },
    surface: 'group',
    seen: { notice: 'REFUSED' },
    on: [...CHATS],
  },
  {
    name: 'follow_up in a direct chat: a new message to the clicker',
    reply: { kind: 'follow_up', card: card('MY-TASKS') },
    surface: 'direct',
    actionId: 'ask',
    seen: { toClicker: 'MY-TASKS' },
    on: [...ALL],
  },
]

// Feishu says where a follow-up from a group went (another chat); Slack's ephemeral is right there.
const feishuGroupFollowUp: Row = {
  name: 'follow_up from a group card: a direct message to the clicker, and a toast saying where it went',
  reply: { kind: 'follow_up', card: card('MY-TASKS') },
  surface: 'group',
  actionId: 'ask',
  seen: { toClicker: 'MY-TASKS', notice: sentPrivately },
  on: ['feishu'],
}
const slackGroupFollowUp: Row = {
  name: 'follow_up from a channel message: an ephemeral only the clicker sees',
  reply: { kind: 'follow_up', card: card('MY-TASKS') },
  surface: 'group',
  actionId: 'ask',
  seen: { toClicker: 'MY-TASKS' },
  on: ['slack'],
}

const rowsFor = (platform: Row['on'][number]): Row[] =>
  [...ROWS, feishuGroupFollowUp, slackGroupFollowUp].filter((r) => r.on.includes(platform))

// ---- A core that answers with the row's reply, placed as createCore places it ----

function scriptedCore(): CoreApi & { next?: ActionReply; last?: InboundAction } {
  const core: CoreApi & { next?: ActionReply; last?: InboundAction } = {
    handleMessage: async () => null,
    home: async () => card('HOME'),
    async handleAction(action) {
      core.last = action
      return placeReply(core.next!, action)
    },
  }
  return core
}

const markerIn = (value: unknown, markers: string[]): string | undefined => {
  const json = JSON.stringify(value)
  return markers.find((m) => json.includes(m))
}
const MARKERS = ['MY-GAP', 'SHARED-COUNT', 'SAVED', 'MY-TASKS']

// ---- Slack --------------------------------------------------------------------

describe('Slack: Bolt and its WebClient against the fake Slack API', () => {
  let h: SlackHarness
  const core = scriptedCore()
  const user = USERS.liLei
  beforeAll(async () => {
    h = await startSlackHarness({ core, seed: false })
  })
  afterAll(async () => h.close())
  beforeEach(() => {
    h.fake.calls.length = 0
  })

  const post = (payload: object) => h.postForm({ payload: JSON.stringify(payload) })

  /**
   * Until the fake has seen calls and they have stopped for 50 ms — and, given what the row
   * expects, until that has arrived (bounded): a busy machine can space a reply's calls out by
   * more than 50 ms, and a test must not need an idle machine.
   */
  async function settle(expected?: Seen): Promise<void> {
    await waitUntil(() => h.fake.calls.length > 0)
    if (expected) {
      const until = Date.now() + 5000
      await waitUntil(() => isDeepStrictEqual(seenInSlack(h), expected) || Date.now() > until)
    }
    let seen = -1
    while (seen !== h.fake.calls.length) {
      seen = h.fake.calls.length
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }

  async function run(row: Row): Promise<Seen> {
    const actionId = row.actionId ?? 'enrol'
    if (row.surface === 'modal') {
      const view = {
        callback_id: FORM_CALLBACK_ID,
        type: 'modal',
        private_metadata: encodeFormOrigin({ formKey: 'contract:form', channelId: 'D0LILEI', messageTs: '1.000001' }),
        blocks: [{ type: 'input', block_id: 'note' }],
      }
      const res = await post(viewSubmission(user, view, { note: { value: { type: 'plain_text_input', value: TYPED.note } } }))
      const body = res.body ? (res.json() as { response_action?: string; errors?: Record<string, string> }) : {}
      if (body.response_action === 'errors') return { errors: body.errors! }
      await settle(row.seen)
      return seenInSlack(h)
    }
    const button = { action_id: `${ACTION_PREFIX}${actionId}`, value: encodeActionValue({ id: actionId, value: 'x' }) }
    const channelId = row.surface === 'group' ? 'C0GENERAL' : 'D0LILEI'
    const click = buttonClick(h.fake, user, { channelId, messageTs: '1.000001', isEphemeral: row.surface === 'ephemeral' }, button)
    const payload =
      row.surface === 'home'
        ? { ...click, container: { type: 'view', view_id: 'V0HOME' }, view: { id: 'V0HOME', type: 'home' }, channel: undefined }
        : click
    await post(payload)
    await settle(row.seen)
    return seenInSlack(h)
  }

  function seenInSlack(harness: SlackHarness): Seen {
    const seen: Seen = {}
    for (const call of harness.fake.calls) {
      const args = call.args as { channel?: string; text?: string; blocks?: unknown; view?: { private_metadata?: string } }
      if (
        call.method === 'chat.update' ||
        (call.method === 'response_url' && (call.args as { replace_original?: unknown }).replace_original)
      )
        seen.replaced = markerIn(args, MARKERS)!
      else if (call.method === 'views.open') seen.form = decodeFormOrigin(args.view!.private_metadata)!.formKey
      else if ((call.method === 'chat.postEphemeral' || call.method === 'chat.postMessage') && args.blocks)
        seen.toClicker = markerIn(args, MARKERS)!
      else if (call.method === 'chat.postEphemeral' || call.method === 'chat.postMessage') seen.notice = args.text!
    }
    return seen
  }

  it.each(rowsFor('slack').map((r) => [r.name, r] as const))('%s', async (_name, row) => {
    core.next = row.reply
    expect(await run(row)).toEqual(row.seen)
    // A personal card never lands in the shared channel for everyone.
    if (row.surface === 'group' && row.reply.kind !== 'notify') {
      const inChannel = h.fake.calls.filter(
        (c) => (c.method === 'chat.postMessage' || c.method === 'chat.update') && (c.args as { channel?: string }).channel === 'C0GENERAL',
      )
      expect(inChannel.length > 0).toBe(row.reply.kind === 'replace' && !row.reply.isPersonal)
    }
  })

  it('fills the surface from the payload', async () => {
    core.next = { kind: 'notify', notice: { tone: 'info', text: 'N' } }
    const button = { action_id: `${ACTION_PREFIX}enrol`, value: encodeActionValue({ id: 'enrol', value: 'x' }) }
    const surfaces: string[] = []
    for (const place of [{ channelId: 'D0LILEI' }, { channelId: 'C0GENERAL' }, { channelId: 'C0GENERAL', isEphemeral: true }]) {
      await post(buttonClick(h.fake, user, { messageTs: '1.000001', ...place }, button))
      await settle()
      surfaces.push(core.last!.surface.kind)
    }
    expect(surfaces).toEqual(['direct', 'group', 'ephemeral'])
  })
})

// ---- Feishu -------------------------------------------------------------------

describe('Feishu: POST /feishu/cards against the fake Feishu API', () => {
  let world: World
  let ladder: Ladder
  const core = scriptedCore()
  beforeAll(async () => {
    world = await createWorld()
    ladder = await startLadder(world, { secrets: { FEISHU_ENCRYPT_KEY: ENCRYPT_KEY, FEISHU_VERIFICATION_TOKEN: VERIFICATION_TOKEN }, core })
  })
  afterAll(async () => {
    await ladder.close()
    await world.close()
  })
  beforeEach(() => {
    world.fake.calls.length = 0
  })

  async function run(row: Row): Promise<Seen> {
    const actionId = row.actionId ?? 'enrol'
    // oc_p2p_… are direct chats on the fake; a chat it does not know is treated as a group.
    const chatId = row.surface === 'group' ? 'oc_contract_group' : `oc_p2p_${PEOPLE.liLei}`
    const response = await postEncrypted(
      ladder,
      '/feishu/cards',
      cardActionEvent({
        openId: PEOPLE.liLei,
        value: { a: actionId, v: 'x' },
        token: VERIFICATION_TOKEN,
        messageId: 'om_clicked',
        chatId,
        ...(actionId === 'submit_form' ? { formValue: TYPED } : {}),
      }),
    )
    await ladder.feishu.idle()
    const body = response.json() as { toast?: { content: string }; card?: { data: unknown } }
    const seen: Seen = {}
    if (body.toast) seen.notice = body.toast.content
    if (body.card) {
      const json = JSON.stringify(body.card.data)
      if (json.includes('"tag":"form"')) {
        seen.form = 'contract:form'
        if (json.includes(ERRORS.note)) seen.errors = ERRORS
        if (json.includes(TYPED.note)) seen.kept = [TYPED.note]
      } else seen.replaced = markerIn(body.card.data, MARKERS)!
    }
    const direct = world.fake.callsTo('POST', /^\/open-apis\/im\/v1\/messages$/)
    if (direct.length > 0) {
      expect(direct.map((c) => (c.body as { receive_id: string }).receive_id)).toEqual([PEOPLE.liLei])
      seen.toClicker = markerIn(direct[0]!.body, MARKERS)!
    }
    return seen
  }

  it.each(rowsFor('feishu').map((r) => [r.name, r] as const))('%s', async (_name, row) => {
    core.next = row.reply
    const seen = await run(row)
    expect(seen).toEqual(row.seen)
    expect(core.last!.surface.kind).toBe(row.surface)
  })
})

// ---- Console --------------------------------------------------------------------

describe('console: the /console/action answer', () => {
  const render = (c: Card): string => JSON.stringify(c)

  function run(row: Row): Seen {
    const action: InboundAction = {
      sender: { platform: 'web', tenant: 'local', userId: 'li.lei@demo.ladder' },
      surface: { kind: row.surface },
      actionId: row.actionId ?? 'enrol',
      value: 'x',
    }
    const response = actionResponse(placeReply(row.reply, action), render)
    const seen: Seen = {}
    if (response.toast) seen.notice = response.toast.text
    if (response.formErrors) seen.errors = response.formErrors
    for (const html of [...(response.replace ? [response.replace] : []), ...response.append]) {
      if (html.includes('"type":"form"')) {
        seen.form = 'contract:form'
        if (html.includes(TYPED.note)) seen.kept = [TYPED.note]
      }
    }
    if (response.replace && !response.replace.includes('"type":"form"')) seen.replaced = markerIn(response.replace, MARKERS)!
    const appended = response.append.filter((html) => !html.includes('"type":"form"'))
    if (appended.length) seen.toClicker = markerIn(appended, MARKERS)!
    return seen
  }

  it.each(rowsFor('console').map((r) => [r.name, r] as const))('%s', (_name, row) => {
    expect(run(row)).toEqual(row.seen)
  })
})
