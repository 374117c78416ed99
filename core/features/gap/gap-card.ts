import { makeCard } from '../../kernel/cards/build.js'
import type { Block, Button, Card } from '../../kernel/cards/card.js'
import { bold } from '../../kernel/cards/card.js'
import { displayName } from '../../kernel/context.js'
import type { GapReport, RequirementCheck } from '../../kernel/domain/analyze-gap.js'
import type { Course, Locale } from '../../kernel/domain/types.js'
import { pick } from '../../kernel/domain/types.js'
import type { RequirementCourse } from '../../kernel/domain/way-forward.js'
import { courseLine, pct } from '../../kernel/format.js'
import { type Translate, translator } from '../../kernel/i18n/index.js'
import { evidenceLine } from './evidence-line.js'
import type { PromotionGapResult } from './promotion-gap.js'

/** How many gaps get their indicators and courses spelled out; the rest are in the bars. */
const DETAILED_GAPS = 3
const ENROL_BUTTONS = 3
/** With hard-requirement courses first, at most this many course buttons. */
const MAX_BUTTONS = 5

export function promotionGapCard(result: PromotionGapResult, locale: Locale): Card {
  const tr = translator(locale)
  switch (result.kind) {
    case 'refused':
      return makeCard(locale, undefined, [{ type: 'text', text: tr('access.refused') }])
    case 'unknown_target':
      return makeCard(locale, undefined, [{ type: 'text', text: tr('gap.unknownTarget', { query: result.query }) }])
    case 'no_job':
      return makeCard(locale, undefined, [{ type: 'text', text: tr('gap.noJob') }])
    case 'no_next_step':
      return makeCard(locale, undefined, [{ type: 'text', text: tr('gap.noNextStep', { job: pick(result.currentJob.title, locale) }) }])
    case 'reports': {
      const from = result.currentJob ? pick(result.currentJob.title, locale) : tr('gap.noCurrentJob')
      const blocks: Block[] = []
      const heldJobId = result.currentJob?.id
      result.reports.forEach((report, i) => {
        if (i > 0) blocks.push({ type: 'divider' })
        const isHeld = report.target.id === heldJobId
        blocks.push(...reportBlocks(report, locale, tr, { isOneOfSeveral: result.reports.length > 1, isHeld }, result.subject.timeZone))
      })
      // A report on the job one holds is about meeting its standard, not about readiness for it.
      const isAboutHeldJob = result.reports.length === 1 && result.reports[0]?.target.id === heldJobId
      const title = isAboutHeldJob ? 'gap.titleHeld' : 'gap.title'
      // Enrol enrols whoever clicks: offered on one's own report; a manager or HR gets Assign for the person instead.
      const buttons = courseButtons(result.reports, result.basis === 'self' ? 'self' : result.subject.id, locale, tr)
      if (result.basis === 'self') buttons.push({ label: tr('button.myTasks'), action: { id: 'ask', value: 'my_tasks' } })
      if (buttons.length > 0) blocks.push({ type: 'actions', buttons })
      return makeCard(
        locale,
        { title: tr(title, { name: displayName(result.subject, locale) }), subtitle: tr('gap.subtitle', { from }), tone: 'info' },
        blocks,
      )
    }
  }
}

function reportBlocks(
  report: GapReport,
  locale: Locale,
  tr: Translate,
  { isOneOfSeveral, isHeld }: { isOneOfSeveral: boolean; isHeld: boolean },
  timeZone: string,
): Block[] {
  const target = pick(report.target.title, locale)
  const heading = isHeld
    ? tr('gap.heldHeading', { target })
    : isOneOfSeveral
      ? tr('gap.nextStepHeading', { target })
      : tr('gap.targetHeading', { target })
  const blocks: Block[] = [{ type: 'text', text: bold(heading) }]
  if (!report.isOnPath && !isHeld) blocks.push({ type: 'context', text: tr('gap.notOnPath') })
  if (report.kind === 'no_standard') {
    blocks.push({ type: 'text', text: tr('gap.noStandard', { target }) })
    return blocks
  }
  const unmet = report.requirements.filter((r) => !r.isMet).length
  blocks.push({
    type: 'fields',
    fields: [
      {
        label: tr('gap.overall'),
        value: tr('gap.overallValue', { overall: pct(report.overall), threshold: pct(report.standard.threshold) }),
      },
      {
        label: tr('gap.status'),
        value: isHeld
          ? heldStatus(report, unmet, locale, tr)
          : status(report.isReady, report.overall, report.standard.threshold, unmet, tr),
      },
    ],
  })
  blocks.push({
    type: 'progress',
    rows: report.dimensions.map((d) => ({
      label: tr('gap.dimensionLabel', { name: pick(d.dimension.name, locale), weight: d.weight }),
      value: Math.round(d.current),
      target: d.required,
      // Which sources made the number, and when; a self-only figure is shown but does not count.
      ...(d.selfOnly !== null
        ? { note: tr('evidence.selfOnly', { value: Math.round(d.selfOnly) }) }
        : d.evidence.length > 0
          ? { note: evidenceLine(d.evidence, tr, timeZone, false) }
          : { note: tr('gap.notAssessed') }),
    })),
  })
  const largest = report.ranked[0]
  if (largest) {
    blocks.push({
      type: 'text',
      text: tr('gap.largest', {
        name: pick(largest.dimension.name, locale),
        current: pct(largest.current),
        required: pct(largest.required),
      }),
    })
  }
  if (report.requirements.length > 0) {
    blocks.push({
      type: 'text',
      text: [bold(tr('gap.requirements')), ...report.requirements.map((r) => `- ${requirementLine(r, locale, tr)}`)].join('\n'),
    })
  }
  for (const gap of report.ranked.slice(0, DETAILED_GAPS)) {
    const lines = [bold(tr('gap.closeGap', { name: pick(gap.dimension.name, locale), gap: pct(gap.gap) }))]
    for (const indicator of gap.indicators.filter((i) => !i.requirement)) lines.push(`- ${pick(indicator.text, locale)}`)
    if (gap.courses.length === 0) lines.push(tr('gap.noCourses'))
    for (const s of gap.courses) {
      lines.push(`- 📘 ${courseLine(s.course, locale, tr)}${s.isAssigned ? ` — ${tr('gap.alreadyAssigned')}` : ''}`)
    }
    blocks.push({ type: 'text', text: lines.join('\n') })
  }
  if (report.ranked.length > DETAILED_GAPS) {
    blocks.push({ type: 'context', text: tr('gap.moreGaps', { n: report.ranked.length - DETAILED_GAPS }) })
  }
  blocks.push({ type: 'context', text: `${tr('evidence.rule')} ${tr('evidence.method', { version: report.standard.version })}` })
  return blocks
}

function status(isReady: boolean, overall: number, threshold: number, unmet: number, tr: Translate): string {
  if (isReady) return tr('gap.ready')
  if (overall < threshold && unmet > 0) return tr('gap.notReadyBoth', { points: Math.ceil(threshold - overall), unmet })
  if (overall < threshold) return tr('gap.notReadyScore', { points: Math.ceil(threshold - overall) })
  return tr('gap.notReadyReqs', { unmet })
}

/** The job one holds: never "not ready" for it; whether its standard is met, and where not. */
function heldStatus(report: Extract<GapReport, { kind: 'report' }>, unmet: number, locale: Locale, tr: Translate): string {
  if (report.isReady) return tr('gap.heldMeets')
  const below = report.ranked.map((d) => pick(d.dimension.name, locale))
  if (unmet > 0) below.push(tr('ready.unmet', { n: unmet }))
  return below.length > 0 ? tr('gap.heldBelow', { list: below.join(', ') }) : tr('gap.heldMeets')
}

/** A hard requirement by its name, and when unmet, the way forward: the course to take, the exam, or HR. */
function requirementLine(check: RequirementCheck, locale: Locale, tr: Translate): string {
  const mark = check.isMet ? '✅' : '❌'
  const r = check.requirement
  const { name, courses } = check.way
  const courseRef = (c: Course) => `${c.code} ${pick(c.title, locale)}`
  const standing = (c: RequirementCourse) =>
    c.status === 'reported' ? ` (${tr('way.reported')})` : c.isAssigned ? ` (${tr('way.enrolled')})` : ''
  switch (r.kind) {
    case 'certificate': {
      const line = `${mark} ${tr('way.certificate', { name: name ? pick(name, locale) : r.key })}`
      if (check.isMet) return line
      const [via] = courses
      return `${line} — ${via ? tr('way.certificateVia', { course: courseRef(via.course) }) + standing(via) : tr('way.askHr')}`
    }
    case 'course': {
      const [course] = courses
      const line = `${mark} ${tr('way.course', { title: course ? courseRef(course.course) : r.key })}`
      return check.isMet || !course ? line : line + standing(course)
    }
    case 'min_years':
      return `${mark} ${tr('req.minYears', { years: r.years, actual: (check.actual ?? 0).toFixed(1) })}`
    case 'min_score': {
      const key = name ? pick(name, locale) : r.key
      const line = `${mark} ${
        check.actual === null
          ? tr('req.minScoreNone', { key, score: r.score })
          : tr('req.minScore', { key, score: r.score, actual: check.actual })
      }`
      if (check.isMet) return line
      const quiz = courses.find((c) => c.course.quizSize > 0)
      return `${line} — ${quiz ? tr('way.examQuiz', { course: courseRef(quiz.course) }) + standing(quiz) : tr('way.examHr')}`
    }
  }
}

/**
 * Course buttons, the courses that meet unmet hard requirements first, then the
 * biggest-impact gap courses not yet taken up, each course once. On one's own
 * report: Enrol (or Take the quiz, for an exam one is enrolled in); on a report
 * a manager or HR views: Assign, for that person.
 */
function courseButtons(reports: GapReport[], forWhom: 'self' | number, locale: Locale, tr: Translate): Button[] {
  const seen = new Set<string>()
  const buttons: Button[] = []
  const offer = (course: Course) => {
    seen.add(course.code)
    const title = pick(course.title, locale)
    buttons.push(
      forWhom === 'self'
        ? { label: tr('gap.enrolButton', { course: title }), action: { id: 'enrol', value: course.code } }
        : { label: tr('assign.button', { course: title }), action: { id: 'assign', value: `${course.code}@${forWhom}` } },
    )
  }
  const checks = reports.flatMap((r) => (r.kind === 'report' ? r.requirements : [])).filter((c) => !c.isMet)
  for (const check of checks) {
    for (const c of check.way.courses) {
      if (seen.has(c.course.code) || c.status === 'completed' || c.status === 'waived' || buttons.length >= MAX_BUTTONS) continue
      const isExam = check.requirement.kind === 'min_score' && c.course.quizSize > 0
      if (isExam && c.isAssigned && c.assignmentId !== null && forWhom === 'self') {
        seen.add(c.course.code)
        buttons.push({
          label: tr('way.quizButton', { course: pick(c.course.title, locale) }),
          action: { id: 'quiz', value: String(c.assignmentId) },
        })
      } else if (!c.isAssigned) offer(c.course)
    }
  }
  const limit = Math.min(MAX_BUTTONS, Math.max(ENROL_BUTTONS, buttons.length))
  const gaps = reports.flatMap((r) => (r.kind === 'report' ? r.ranked : [])).sort((a, b) => b.impact - a.impact)
  for (const gap of gaps) {
    for (const s of gap.courses) {
      if (s.isAssigned || seen.has(s.course.code) || buttons.length >= limit) continue
      offer(s.course)
    }
  }
  buttons.forEach((b, i) => {
    b.style = i === 0 ? 'primary' : 'default'
  })
  return buttons
}
