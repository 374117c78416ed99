// Neutral card → Block Kit, for messages (50 blocks) and the Home tab (100
// blocks). Pure: same card, same JSON. Every limit comes from limits.ts; a card
// too long for Slack is cut with a closing note instead of being rejected.
import type { types } from '@slack/bolt'
import type { Block, Button, Card, ProgressRow, Tone } from '../../core/kernel/cards/card.js'
import type { Locale } from '../../core/kernel/domain/types.js'
import { t } from '../../core/kernel/i18n/index.js'
import { ACTION_PREFIX, encodeActionValue, LINK_ACTION_PREFIX } from './action-value.js'
import { SLACK_LIMITS, truncate } from './limits.js'
import { escapeMrkdwn, toMrkdwn, toPlain } from './mrkdwn.js'
import { renderTableTexts } from './render-table.js'

type KnownBlock = types.KnownBlock
type SlackButton = types.Button

export interface SlackMessage {
  /** Notification and accessibility text; Slack shows blocks when present. */
  text: string
  blocks: KnownBlock[]
}

/** A rendered block and how many entries (rows, fields, paragraphs) of the card it shows. */
interface Chunk {
  block: KnownBlock
  entries: number
}

const PROGRESS_ROWS_PER_SECTION = 10
const BAR_CELLS = 10
const TONE_PREFIX: Record<Tone, string> = { info: '', success: '✅ ', warning: '⚠️ ', danger: '🚨 ' }

export function renderMessage(card: Card): SlackMessage {
  return {
    text: truncate(escapeMrkdwn(card.fallback), SLACK_LIMITS.messageText),
    blocks: renderBlocks(card, { maxBlocks: SLACK_LIMITS.messageBlocks, textBudget: SLACK_LIMITS.messageTextBudget }),
  }
}

export function renderHome(card: Card): types.HomeView {
  return { type: 'home', blocks: renderBlocks(card, { maxBlocks: SLACK_LIMITS.viewBlocks }) }
}

export function renderBlocks(card: Card, limits: { maxBlocks: number; textBudget?: number }): KnownBlock[] {
  const nextActionId = counter()
  const chunks: Chunk[] = []
  if (card.header) chunks.push(...headerChunks(card.header))
  for (const block of card.blocks) chunks.push(...blockChunks(block, card.locale, nextActionId))
  return fit(chunks, card.locale, limits.maxBlocks, limits.textBudget ?? Number.POSITIVE_INFINITY)
}

/** A 10-cell text bar: ▓ for the value; the rest ░. */
export function progressBar(value: number): string {
  const filled = Math.max(0, Math.min(BAR_CELLS, Math.round(value / (100 / BAR_CELLS))))
  return '▓'.repeat(filled) + '░'.repeat(BAR_CELLS - filled)
}

function progressLine(row: ProgressRow): string {
  const target = row.target !== undefined ? ` / ${row.target}%` : ''
  const note = row.note ? ` · _${escapeMrkdwn(row.note)}_` : ''
  return `${escapeMrkdwn(row.label)}\n${progressBar(row.value)} ${row.value}%${target}${note}`
}

function headerChunks(header: NonNullable<Card['header']>): Chunk[] {
  const title = TONE_PREFIX[header.tone ?? 'info'] + toPlain(header.title)
  const chunks: Chunk[] = [
    { block: { type: 'header', text: { type: 'plain_text', text: truncate(title, SLACK_LIMITS.headerText), emoji: true } }, entries: 0 },
  ]
  if (header.subtitle) chunks.push({ block: contextBlock(toMrkdwn(header.subtitle)), entries: 0 })
  return chunks
}

function blockChunks(block: Block, locale: Locale, nextActionId: () => number): Chunk[] {
  switch (block.type) {
    case 'text':
      return splitText(toMrkdwn(block.text)).map((text) => ({ block: section(text), entries: 1 }))
    case 'context':
      return [{ block: contextBlock(toMrkdwn(block.text)), entries: 1 }]
    case 'divider':
      return [{ block: { type: 'divider' }, entries: 0 }]
    case 'fields':
      return groups(block.fields, SLACK_LIMITS.sectionFields).map((fields) => ({
        block: {
          type: 'section',
          fields: fields.map((f) => ({
            type: 'mrkdwn' as const,
            text: truncate(`*${escapeMrkdwn(toPlain(f.label))}*\n${toMrkdwn(f.value)}`, SLACK_LIMITS.fieldText),
          })),
        },
        entries: fields.length,
      }))
    case 'progress':
      return groups(block.rows, PROGRESS_ROWS_PER_SECTION).map((rows) => ({
        block: section(truncate(rows.map(progressLine).join('\n'), SLACK_LIMITS.sectionText)),
        entries: rows.length,
      }))
    case 'table':
      return renderTableTexts(block.columns, block.rows).map((chunk) => ({ block: section(chunk.text), entries: chunk.rows }))
    case 'actions': {
      const buttons = block.buttons.map((b) => button(b, nextActionId())).filter((b): b is SlackButton => b !== null)
      return groups(buttons, SLACK_LIMITS.actionsElements).map((elements) => ({ block: { type: 'actions', elements }, entries: 0 }))
    }
    case 'form': {
      // A message cannot hold a modal: show the form's title and a button that opens it.
      const open = button(
        { label: t(locale, 'slack.openForm'), action: { id: 'open_form', value: block.form.key }, style: 'primary' },
        nextActionId(),
      )
      const text = truncate(`*${escapeMrkdwn(toPlain(block.form.title))}*`, SLACK_LIMITS.sectionText)
      return [{ block: { type: 'section', text: { type: 'mrkdwn', text }, ...(open ? { accessory: open } : {}) }, entries: 1 }]
    }
  }
}

/** null when the button cannot be represented (its value would be cut, so the click would mean something else). */
function button(b: Button, n: number): SlackButton | null {
  const text = { type: 'plain_text' as const, text: truncate(toPlain(b.label), SLACK_LIMITS.buttonText), emoji: true }
  const style = b.style === 'primary' || b.style === 'danger' ? { style: b.style } : {}
  // Only web links open from a card: another scheme from imported data calls back instead.
  if (b.url && /^https?:\/\/\S+$/i.test(b.url)) {
    if (b.url.length > SLACK_LIMITS.buttonUrl) return null
    return { type: 'button', action_id: `${LINK_ACTION_PREFIX}${n}`, text, url: b.url, ...style }
  }
  const value = encodeActionValue(b.action)
  if (value.length > SLACK_LIMITS.buttonValue) return null
  return { type: 'button', action_id: `${ACTION_PREFIX}${n}`, text, value, ...style }
}

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } })

const contextBlock = (text: string): KnownBlock => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text: truncate(text, SLACK_LIMITS.contextText) }],
})

/** Splits at line breaks so each part fits a section; a single over-long line is cut. */
function splitText(text: string): string[] {
  const max = SLACK_LIMITS.sectionText
  if (text.length <= max) return [text]
  const parts: string[] = []
  let current = ''
  for (const line of text.split('\n').map((l) => truncate(l, max))) {
    if (current !== '' && current.length + 1 + line.length > max) {
      parts.push(current)
      current = line
    } else current = current === '' ? line : `${current}\n${line}`
  }
  if (current !== '') parts.push(current)
  return parts
}

function groups<T>(items: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

function counter(): () => number {
  let n = 0
  return () => n++
}

/** The block's JSON size: a safe over-estimate of the characters Slack counts against a message. */
function textLength(block: KnownBlock): number {
  return JSON.stringify(block).length
}

/**
 * Keeps the blocks within `maxBlocks` and `textBudget`. Trailing action blocks
 * (the buttons that act on the card) are kept; the middle is cut and replaced by
 * a context block saying how many entries are not shown.
 */
function fit(chunks: Chunk[], locale: Locale, maxBlocks: number, textBudget: number): KnownBlock[] {
  const total = chunks.reduce((sum, c) => sum + textLength(c.block), 0)
  if (chunks.length <= maxBlocks && total <= textBudget) return chunks.map((c) => c.block)

  let tailStart = chunks.length
  while (tailStart > 0 && chunks[tailStart - 1]!.block.type === 'actions') tailStart--
  const tail = chunks.slice(tailStart)
  const body = chunks.slice(0, tailStart)
  const noticeReserve = textLength(contextBlock(t(locale, 'slack.truncated', { n: 1_000_000 })))
  const roomBlocks = maxBlocks - tail.length - 1
  let roomText = textBudget - tail.reduce((sum, c) => sum + textLength(c.block), 0) - noticeReserve

  const kept: KnownBlock[] = []
  for (const chunk of body) {
    const size = textLength(chunk.block)
    if (kept.length >= roomBlocks || size > roomText) break
    kept.push(chunk.block)
    roomText -= size
  }
  const omitted = body.slice(kept.length).reduce((sum, c) => sum + c.entries, 0)
  const notice = omitted > 0 ? [contextBlock(t(locale, 'slack.truncated', { n: omitted }))] : []
  return [...kept, ...notice, ...tail.map((c) => c.block)].slice(0, maxBlocks)
}
