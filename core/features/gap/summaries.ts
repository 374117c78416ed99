// The gap slice's results as the language model sees them (kernel/summary.ts says what that means).
import { displayName } from '../../kernel/context.js'
import type { GapReport, RequirementCheck } from '../../kernel/domain/analyze-gap.js'
import type { Job, Locale } from '../../kernel/domain/types.js'
import { pick } from '../../kernel/domain/types.js'
import { trackName } from '../../kernel/format.js'
import { translator } from '../../kernel/i18n/index.js'
import { courseRef, day, jobRef, round, type Summary } from '../../kernel/summary.js'
import type { AssignTrainingResult } from './assign-training.js'
import type { DimensionScoreResult } from './dimension-score.js'
import type { EnrolResult } from './enrol.js'
import type { JobRequirementsResult } from './job-requirements.js'
import type { MarkDoneResult } from './mark-training-done.js'
import type { PromotionGapResult } from './promotion-gap.js'
import type { RecommendTrainingResult } from './recommend-training.js'
import type { TeamOverviewResult } from './team-overview.js'
import type { WhoIsReadyResult } from './who-is-ready.js'

const MAX_COURSES = 6
const MAX_JOBS = 30
const MAX_MEMBERS = 30
const MAX_CANDIDATES = 10
const MAX_INDICATORS = 5

const jobList = (jobs: Job[], locale: Locale) => jobs.slice(0, MAX_JOBS).map((j) => jobRef(j, locale))

function requirement(check: RequirementCheck, locale: Locale): Summary {
  const r = check.requirement
  switch (r.kind) {
    case 'certificate':
    case 'course':
      return {
        kind: r.kind,
        key: r.key,
        name: check.way.name ? pick(check.way.name, locale) : null,
        via: check.isMet ? [] : check.way.courses.map((c) => c.course.code),
        met: check.isMet,
      }
    case 'min_years':
      return { kind: r.kind, years: r.years, actual: check.actual === null ? null : Math.round(check.actual * 10) / 10, met: check.isMet }
    case 'min_score':
      return { kind: r.kind, key: r.key, score: r.score, actual: check.actual, met: check.isMet }
  }
}

function gapReport(report: GapReport, locale: Locale): Summary {
  const target = jobRef(report.target, locale)
  if (report.kind === 'no_standard') return { target, on_path: report.isOnPath, no_standard: true }
  const courses = report.ranked.flatMap((d) =>
    d.courses.map((s) => ({ ...courseRef(s.course, locale), for: pick(d.dimension.name, locale), assigned: s.isAssigned })),
  )
  return {
    target,
    on_path: report.isOnPath,
    overall: round(report.overall),
    threshold: report.standard.threshold,
    ready: report.isReady,
    dimensions: report.dimensions.map((d) => ({
      name: pick(d.dimension.name, locale),
      weight: d.weight,
      current: round(d.current),
      required: d.required,
      assessed: d.isAssessed,
    })),
    largest_gap: report.ranked[0] ? pick(report.ranked[0].dimension.name, locale) : null,
    requirements: report.requirements.map((r) => requirement(r, locale)),
    courses: courses.slice(0, MAX_COURSES),
  }
}

export function summarisePromotionGap(result: PromotionGapResult, locale: Locale): Summary {
  switch (result.kind) {
    case 'refused':
      return { result: 'refused' }
    case 'unknown_target':
      return { result: 'unknown_job', query: result.query }
    case 'no_job':
      return { result: 'no_current_job' }
    case 'no_next_step':
      return { result: 'no_next_step', current_job: jobRef(result.currentJob, locale) }
    case 'reports':
      return {
        result: 'gap',
        current_job: result.currentJob ? jobRef(result.currentJob, locale) : null,
        targets: result.reports.map((r) => gapReport(r, locale)),
      }
  }
}

export function summariseJobRequirements(result: JobRequirementsResult, locale: Locale): Summary {
  if (result.kind === 'unknown_job') return { result: 'unknown_job', query: result.query, jobs: jobList(result.jobs, locale) }
  const { standard } = result
  return {
    result: 'job',
    job: { ...jobRef(result.job, locale), track: trackName(result.job.track, translator(locale)), level: result.job.level },
    standard: standard
      ? {
          version: standard.version,
          threshold: standard.threshold,
          dimensions: standard.dimensions.map((d) => ({
            name: pick(d.dimension.name, locale),
            weight: d.weight,
            required: d.requiredAttainment ?? standard.threshold,
            indicators: d.indicators.slice(0, MAX_INDICATORS).map((i) => pick(i.text, locale)),
          })),
        }
      : null,
    next_steps: jobList(result.nextSteps, locale),
    previous_steps: jobList(result.previousSteps, locale),
  }
}

export function summariseRecommendations(result: RecommendTrainingResult, locale: Locale): Summary {
  if (result.kind !== 'recommendations') return { result: result.kind }
  return {
    result: 'recommendations',
    courses: result.items.map((r) => ({
      ...courseRef(r.course, locale),
      format: r.course.format,
      minutes: r.course.durationMinutes,
      for: r.dimension ? pick(r.dimension.name, locale) : 'hard requirement',
      target: r.target.code,
      assigned: r.isAssigned,
    })),
  }
}

/** Names of the people assigned are the asker's own reports (or anyone, for HR): already authorised. */
export function summariseAssign(result: AssignTrainingResult): Summary {
  if (result.kind !== 'done') return { result: result.kind }
  return {
    result: 'done',
    course: result.course.code,
    due: day(result.dueAt),
    people: result.outcomes.map((o) => (o.kind === 'refused' ? { result: 'refused' } : { name: o.employee.name, result: o.kind })),
  }
}

export function summariseEnrol(result: EnrolResult, locale: Locale): Summary {
  if (result.kind === 'unknown_course') {
    return { result: 'unknown_course', query: result.query, courses: result.suggestions.map((c) => courseRef(c, locale)) }
  }
  return { result: result.kind, course: courseRef(result.course, locale) }
}

export function summariseTrainingDone(result: MarkDoneResult, locale: Locale): Summary {
  switch (result.kind) {
    case 'completed':
    case 'already_completed':
      return { result: result.kind, course: courseRef(result.course, locale) }
    case 'below_pass_mark':
      return {
        result: result.kind,
        course: courseRef(result.course, locale),
        score: result.score,
        pass_mark: result.passMark,
        retake_due: result.retakeDueAt.toISOString(),
      }
    case 'reported':
      return { result: 'reported_awaiting_verification', course: courseRef(result.course, locale), next: result.next }
    case 'unknown_course':
      return { result: result.kind, query: result.query }
    case 'refused':
      return { result: 'refused' }
  }
}

export function summariseTeam(result: TeamOverviewResult, locale: Locale): Summary {
  if (result.kind !== 'team') return { result: result.kind }
  return {
    result: 'team',
    size: result.members.length,
    members: result.members.slice(0, MAX_MEMBERS).map((m) => ({
      name: displayName(m.employee, locale),
      job: m.job?.code ?? null,
      next: m.best?.target.code ?? null,
      overall: m.best ? round(m.best.overall) : null,
      ready: m.best?.isReady ?? false,
      overdue: m.overdue,
    })),
  }
}

export function summariseWhoIsReady(result: WhoIsReadyResult, locale: Locale): Summary {
  switch (result.kind) {
    case 'refused':
      return { result: 'refused' }
    case 'unknown_job':
      return { result: 'unknown_job', query: result.query, jobs: jobList(result.jobs, locale) }
    case 'no_standard':
      return { result: 'no_standard', job: jobRef(result.job, locale) }
    case 'candidates':
      return {
        result: 'candidates',
        job: jobRef(result.job, locale),
        scope: result.scope,
        ready_count: result.readyCount,
        considered: result.considered,
        top: result.ranked.slice(0, MAX_CANDIDATES).map((c) => ({
          name: displayName(c.subject, locale),
          overall: round(c.report.overall),
          ready: c.report.isReady,
          unmet_requirements: c.report.requirements.filter((r) => !r.isMet).length,
        })),
      }
  }
}

export function summariseDimensionScore(result: DimensionScoreResult, locale: Locale): Summary {
  switch (result.kind) {
    case 'score':
      return {
        result: 'score',
        dimension: pick(result.dimension.name, locale),
        target: jobRef(result.target, locale),
        current: round(result.current),
        required: round(result.required),
        weight: result.weight,
        confirmed: result.isAssessed,
        self_only: result.selfOnly === null ? null : round(result.selfOnly),
        sources: result.evidence.map((e) => ({
          source: e.source,
          value: round(e.value),
          rating: e.rating,
          at: day(e.assessedAt),
          weight: e.weight,
          counted: e.counted,
        })),
        history: result.timeline.map((p) => ({ at: day(p.at), value: round(p.value) })),
      }
    case 'pick':
      return {
        result: 'pick_dimension',
        target: jobRef(result.target, locale),
        dimensions: result.rows.map((r) => ({ code: r.dimension.code, name: pick(r.dimension.name, locale), current: round(r.current) })),
      }
    case 'unknown_dimension':
      return { result: 'unknown_dimension', query: result.query }
    case 'not_in_standard':
      return { result: 'not_in_standard', dimension: pick(result.dimension.name, locale) }
    default:
      return { result: result.kind }
  }
}
