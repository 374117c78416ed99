// "How is the broadcast going?" / "培训完成情况": HR's completion report by
// department for one broadcast (the latest unless a button names one), with
// buttons for the few before it.

import { makeCard } from '../../kernel/cards/build.js'
import type { Card } from '../../kernel/cards/card.js'
import type { Actor } from '../../kernel/context.js'
import { isHr } from '../../kernel/context.js'
import { pick } from '../../kernel/domain/types.js'
import { translator } from '../../kernel/i18n/index.js'
import { broadcastReport } from './broadcast.js'
import { broadcastReportCard } from './broadcast-card.js'
import type { BroadcastDeps } from './ports.js'

/** Earlier broadcasts offered as buttons under the report. */
const EARLIER = 5

export async function broadcastReportAnswer(deps: BroadcastDeps, actor: Actor, broadcastId?: number): Promise<Card> {
  const tr = translator(actor.locale)
  const text = (t: string) => makeCard(actor.locale, undefined, [{ type: 'text', text: t }])
  if (!isHr(actor.employee)) return text(tr('broadcast.refused'))
  const recent = await deps.store.broadcasts.recent(EARLIER + 1)
  const id = broadcastId ?? recent[0]?.id
  if (id === undefined) return text(tr('broadcast.report.none'))
  const result = await broadcastReport(deps, actor, id)
  if (result.kind === 'refused') return text(tr('broadcast.refused'))
  if (result.kind === 'unknown') return text(tr('broadcast.report.unknown', { id }))
  const card = broadcastReportCard(result.report, actor.locale, actor.employee.timeZone)
  const others = recent.filter((b) => b.id !== id).slice(0, EARLIER)
  if (others.length === 0) return card
  const { courses } = await deps.store.catalog.load(deps.clock.now())
  const buttons = others.map((b) => {
    const course = courses.find((c) => c.id === b.courseId)
    return {
      label: `#${b.id} ${course ? `${course.code} ${pick(course.title, actor.locale)}` : ''}`.trim(),
      action: { id: 'ask' as const, value: `broadcast_report:${b.id}` },
    }
  })
  return makeCard(actor.locale, card.header, [
    ...card.blocks,
    { type: 'context', text: tr('broadcast.report.others') },
    { type: 'actions', buttons },
  ])
}
