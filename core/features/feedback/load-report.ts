// Gathers what buildReport needs for one subject of a cycle.

import { type Catalog, EMPTY_PROGRESS, type Progress } from '../../kernel/domain/types.js'
import { buildReport, type FeedbackReport } from './build-report.js'
import type { FeedbackDeps } from './ports.js'
import type { FeedbackCycle, FeedbackSubject, Perspective, RequestStatus } from './types.js'

/** Requests that were actually put to a rater (not merely proposed, nor rejected). */
const ASKED: readonly RequestStatus[] = ['open', 'submitted', 'declined', 'expired']

export async function loadReport(
  deps: FeedbackDeps,
  cycle: FeedbackCycle,
  row: FeedbackSubject,
): Promise<{ report: FeedbackReport; progress: Progress; catalog: Catalog }> {
  const [responses, requests, catalog, progress] = await Promise.all([
    deps.store.feedback.responses(cycle.id, row.employeeId),
    deps.store.feedback.requests(cycle.id, row.employeeId),
    deps.store.catalog.load(deps.clock.now()),
    deps.store.progress.forEmployees([row.employeeId]),
  ])
  const asked = [...new Set(requests.filter((r) => ASKED.includes(r.status)).map((r) => r.perspective))] as Perspective[]
  const mine = progress.get(row.employeeId) ?? EMPTY_PROGRESS
  const report = buildReport({
    questionnaire: row.questionnaire,
    responses,
    thresholds: cycle.thresholds,
    asked,
    courses: catalog.courses,
    progress: mine,
  })
  return { report, progress: mine, catalog }
}
