import { makeCard } from '../../kernel/cards/build.js'
import type { Block, Card } from '../../kernel/cards/card.js'
import { displayName } from '../../kernel/context.js'
import { type Locale, pick } from '../../kernel/domain/types.js'
import { translator } from '../../kernel/i18n/index.js'
import type { DutyOwnerResult } from './duty-owner.js'

/** Names shown per job; the rest are counted. */
export const NAMES_SHOWN = 5

export function dutyOwnerCard(result: DutyOwnerResult, locale: Locale): Card {
  const tr = translator(locale)
  const joiner = locale === 'zh-CN' ? '、' : ', '
  switch (result.kind) {
    case 'ask':
      return makeCard(locale, undefined, [{ type: 'text', text: tr('duty.ask') }])
    case 'none_published':
      return makeCard(locale, undefined, [{ type: 'text', text: tr('duty.noneAtAll') }])
    case 'no_match':
      return makeCard(locale, undefined, [{ type: 'text', text: tr('duty.none', { phrase: result.phrase }) }])
    case 'matches': {
      const blocks: Block[] = []
      if (result.owners.length > 1) {
        blocks.push({
          type: 'text',
          text: tr('duty.dispute', { n: result.owners.length, jobs: result.owners.map((j) => pick(j.title, locale)).join(joiner) }),
        })
      }
      for (const d of result.duties) {
        const names = d.people.slice(0, NAMES_SHOWN).map((p) => displayName(p, locale))
        const more = d.people.length - names.length
        const people =
          d.people.length === 0
            ? tr('duty.nobody')
            : tr('duty.people', { names: more > 0 ? tr('duty.more', { names: names.join(joiner), n: more }) : names.join(joiner) })
        const lines = [tr('duty.line', { job: pick(d.owner.title, locale), duty: pick(d.text, locale) }), people]
        if (d.describedIn.id !== d.owner.id) lines.push(tr('duty.describedIn', { job: pick(d.describedIn.title, locale) }))
        blocks.push({ type: 'text', text: lines.join('\n') })
      }
      return makeCard(
        locale,
        { title: tr('duty.title', { phrase: result.phrase }), tone: result.owners.length > 1 ? 'warning' : 'info' },
        blocks,
      )
    }
  }
}
