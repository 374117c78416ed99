// The probation diagnosis as a card, and as rows for `ladder probation` (CSV/JSON).
import { makeCard } from '../../kernel/cards/build.js'
import type { Block, Card } from '../../kernel/cards/card.js'
import { displayName } from '../../kernel/context.js'
import { type Locale, pick } from '../../kernel/domain/types.js'
import { formatDate } from '../../kernel/format.js'
import { type Translate, translator } from '../../kernel/i18n/index.js'
import type { Conclusion, CourseChain, DimensionDiagnosis } from './diagnose.js'
import { departmentName, partyName } from './matrix-card.js'
import type { ProbationResult } from './probation.js'

/** Who a conclusion puts it on: a department (HR when the scheduler is unknown), or the learner. */
export function responsibleOf(c: Conclusion, locale: Locale): string {
  const tr = translator(locale)
  switch (c.kind) {
    case 'no_course':
    case 'not_scheduled':
    case 'not_tracked':
      return departmentName(c.scheduler, locale, tr('matrix.hr'))
    case 'material_missing':
      return partyName(c.provider, locale, tr('matrix.unset'))
    case 'coaching':
      return partyName(c.coach, locale, tr('matrix.unset'))
    case 'test_failed':
      return tr('probation.learner')
  }
}

/** The conclusion in a sentence: "技术部未提交《项目实战案例》(《Python基础教程》)". */
export function conclusionText(c: Conclusion, locale: Locale): string {
  const tr = translator(locale)
  // The sentence names the department (the seed's "技术部未提交…"); the person is in `responsibleOf`.
  const who =
    c.kind === 'material_missing'
      ? departmentName(c.provider.department, locale, tr('matrix.unset'))
      : c.kind === 'coaching'
        ? departmentName(c.coach.department, locale, tr('matrix.unset'))
        : responsibleOf(c, locale)
  switch (c.kind) {
    case 'no_course':
      return tr('probation.c.no_course', { who })
    case 'material_missing':
      return tr('probation.c.material_missing', { who, material: pick(c.material, locale), course: pick(c.course.title, locale) })
    case 'not_scheduled':
      return tr('probation.c.not_scheduled', { who, course: pick(c.course.title, locale) })
    case 'not_tracked':
      return tr('probation.c.not_tracked', { who, course: pick(c.course.title, locale) })
    case 'test_failed':
      return tr('probation.c.test_failed', {
        course: pick(c.course.title, locale),
        best: c.best,
        passMark: c.passMark,
        attempts: c.attempts,
      })
    case 'coaching':
      return tr('probation.c.coaching', { who, passMark: c.passMark })
  }
}

function dimensionLine(d: DimensionDiagnosis, locale: Locale, tr: Translate): string {
  const dimension = pick(d.dimension.name, locale)
  if (!d.practical) return tr('probation.noPractical', { dimension })
  const params = { dimension, attainment: d.practical.attainment, required: d.required }
  return d.isPracticalFailed ? tr('probation.dimension', params) : tr('probation.dimensionPassed', params)
}

/** The chain of one course, one line per link. */
function courseLines(c: CourseChain, locale: Locale, timeZone: string): string[] {
  const tr = translator(locale)
  const unset = tr('matrix.unset')
  const status = tr(`probation.status.${c.status}`)
  const due = c.assignment?.dueAt ? ` · ${tr('probation.dueOn', { date: formatDate(c.assignment.dueAt, locale, timeZone) })}` : ''
  const scheduler = departmentName(c.scheduler, locale, tr('matrix.hr'))
  return [
    `${tr('probation.course', { course: pick(c.course.title, locale), status })}${due}`,
    c.best === null
      ? tr('probation.noTest', { passMark: c.passMark })
      : tr('probation.tests', { attempts: c.attempts, best: c.best, last: c.last ?? c.best, passMark: c.passMark }),
    ...c.materials.map((m) =>
      tr(m.providedAt ? 'probation.materialOk' : 'probation.materialMissing', {
        title: pick(m.title, locale),
        provider: partyName(m.provider, locale, unset),
      }),
    ),
    c.status === 'not_assigned'
      ? tr('probation.untracked', { scheduler })
      : c.reminders > 0
        ? tr('probation.tracked', { scheduler, n: c.reminders })
        : tr('probation.untracked', { scheduler }),
    tr('probation.coachLine', { coach: partyName(c.coach, locale, unset) }),
  ]
}

export function probationCard(result: ProbationResult, locale: Locale, timeZone: string): Card {
  const tr = translator(locale)
  if (result.kind === 'refused') return makeCard(locale, undefined, [{ type: 'text', text: tr('access.refused') }])
  if (result.kind === 'unknown_person')
    return makeCard(locale, undefined, [{ type: 'text', text: tr('probation.unknownPerson', { email: result.email }) }])
  const name = displayName(result.subject, locale)
  const title = tr('probation.title', { name })
  if (result.kind === 'no_failure')
    return makeCard(locale, { title, tone: 'success' }, [{ type: 'text', text: tr('probation.noFailure', { name, n: result.practicals }) }])
  const blocks: Block[] = []
  for (const d of result.dimensions) {
    if (blocks.length > 0) blocks.push({ type: 'divider' })
    blocks.push({ type: 'text', text: dimensionLine(d, locale, tr) })
    const shown = d.courses.filter((c) => c.isConsidered)
    if (shown.length === 0) blocks.push({ type: 'context', text: tr('probation.noCourses') })
    for (const c of shown) {
      const [head, ...rest] = courseLines(c, locale, timeZone)
      blocks.push({ type: 'text', text: [head, ...rest.map((l) => `- ${l}`)].join('\n') })
    }
    if (d.isPracticalFailed === false) continue
    blocks.push({
      type: 'text',
      text:
        d.conclusions.length === 0
          ? tr('probation.none')
          : [`**${tr('probation.conclusions')}**`, ...d.conclusions.map((c, i) => `${i + 1}. ${conclusionText(c, locale)}`)].join('\n'),
    })
  }
  const isBroken = result.dimensions.some((d) => d.conclusions.length > 0)
  return makeCard(locale, { title, subtitle: tr('probation.subtitle'), tone: isBroken ? 'warning' : 'info' }, blocks)
}

/** The columns `ladder probation` writes, one row per conclusion (or per dimension without any). */
export const PROBATION_COLUMNS = [
  'employee_email',
  'dimension_code',
  'practical',
  'required',
  'course_code',
  'course_status',
  'due_at',
  'test_attempts',
  'test_best',
  'test_last',
  'pass_mark',
  'materials_missing',
  'scheduler',
  'reminders',
  'coach',
  'step',
  'conclusion',
  'responsible',
] as const

export type ProbationRow = Record<(typeof PROBATION_COLUMNS)[number], string | number | null>

/** The chain as rows: one per course in the diagnosis, then one per conclusion. */
export function probationRows(result: ProbationResult, locale: Locale): ProbationRow[] {
  if (result.kind !== 'diagnosis') return []
  const tr = translator(locale)
  const unset = tr('matrix.unset')
  const rows: ProbationRow[] = []
  const empty = Object.fromEntries(PROBATION_COLUMNS.map((c) => [c, null])) as ProbationRow
  for (const d of result.dimensions) {
    const base = {
      ...empty,
      employee_email: result.subject.email,
      dimension_code: d.dimension.code,
      practical: d.practical?.attainment ?? null,
      required: d.required,
    }
    for (const c of d.courses.filter((x) => x.isConsidered)) {
      rows.push({
        ...base,
        course_code: c.course.code,
        course_status: c.status,
        due_at: c.assignment?.dueAt?.toISOString().slice(0, 10) ?? null,
        test_attempts: c.attempts,
        test_best: c.best,
        test_last: c.last,
        pass_mark: c.passMark,
        materials_missing: c.materials
          .filter((m) => m.providedAt === null)
          .map((m) => pick(m.title, locale))
          .join(';'),
        scheduler: departmentName(c.scheduler, locale, tr('matrix.hr')),
        reminders: c.reminders,
        coach: partyName(c.coach, locale, unset),
        step: 'course',
      })
    }
    d.conclusions.forEach((c, i) => {
      rows.push({
        ...base,
        course_code: c.kind === 'coaching' ? c.courses.map((x) => x.code).join(';') : c.kind === 'no_course' ? null : c.course.code,
        step: `conclusion ${i + 1}`,
        conclusion: conclusionText(c, locale),
        responsible: responsibleOf(c, locale),
      })
    })
  }
  return rows
}
