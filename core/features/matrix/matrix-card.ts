// The matrix of one course, and the materials still owed by each department.
import { makeCard } from '../../kernel/cards/build.js'
import type { Block, Card } from '../../kernel/cards/card.js'
import { displayName } from '../../kernel/context.js'
import { type Department, type Locale, pick } from '../../kernel/domain/types.js'
import { formatDate } from '../../kernel/format.js'
import { type Translate, translator } from '../../kernel/i18n/index.js'
import type { Party } from './diagnose.js'
import type { TrainingMatrixResult } from './matrix.js'

/** A department by name, HR's when it is the scheduler and none is known. */
export function departmentName(d: Department | null, locale: Locale, fallback: string): string {
  return d ? pick(d.name, locale) : fallback
}

/** "技术部 · 王工" or "技术部". */
export function partyName(p: Party, locale: Locale, fallback: string): string {
  const dept = departmentName(p.department, locale, fallback)
  return p.person ? `${dept} · ${displayName(p.person, locale)}` : dept
}

const dueText = (due: Date | null, tr: Translate, locale: Locale, zone: string) =>
  due ? tr('matrix.due', { date: formatDate(due, locale, zone) }) : ''

export function trainingMatrixCard(result: TrainingMatrixResult, locale: Locale, timeZone: string): Card {
  const tr = translator(locale)
  if (result.kind === 'missing') {
    const title = tr('matrix.missingTitle')
    if (result.groups.length === 0) return makeCard(locale, { title, tone: 'success' }, [{ type: 'text', text: tr('matrix.missingNone') }])
    const blocks: Block[] = result.groups.map((g) => ({
      type: 'text',
      text: [
        tr('matrix.missingGroup', { provider: partyName(g.provider, locale, tr('matrix.unset')), n: g.items.length }),
        ...g.items.map((i) =>
          tr('matrix.missingLine', {
            title: pick(i.material.title, locale),
            course: pick(i.course.title, locale),
            due: dueText(i.material.dueAt, tr, locale, timeZone),
          }),
        ),
      ].join('\n'),
    }))
    return makeCard(locale, { title, tone: 'warning' }, blocks)
  }
  const m = result.matrix
  const unset = tr('matrix.unset')
  const blocks: Block[] = [
    {
      type: 'fields',
      fields: [
        { label: tr('matrix.content'), value: departmentName(m.content, locale, unset) },
        { label: tr('matrix.scheduler'), value: departmentName(m.scheduler, locale, tr('matrix.hr')) },
        { label: tr('matrix.coach'), value: partyName(m.coach, locale, unset) },
        { label: tr('matrix.learner'), value: tr('matrix.learnerDuty') },
      ],
    },
    { type: 'divider' },
    {
      type: 'text',
      text:
        m.materials.length === 0
          ? tr('matrix.noMaterials')
          : [
              `**${tr('matrix.materials')}**`,
              ...m.materials.map(
                (x) =>
                  `- ${
                    x.providedAt
                      ? tr('matrix.provided', {
                          title: pick(x.title, locale),
                          provider: partyName(x.provider, locale, unset),
                          date: formatDate(x.providedAt, locale, timeZone),
                        })
                      : tr('matrix.missing', {
                          title: pick(x.title, locale),
                          provider: partyName(x.provider, locale, unset),
                          due: dueText(x.dueAt, tr, locale, timeZone),
                        })
                  }`,
              ),
            ].join('\n'),
    },
  ]
  const isMissing = m.materials.some((x) => x.providedAt === null)
  return makeCard(
    locale,
    {
      title: tr('matrix.title', { course: pick(m.course.title, locale) }),
      subtitle: tr('matrix.subtitle'),
      tone: isMissing ? 'warning' : 'info',
    },
    blocks,
  )
}
