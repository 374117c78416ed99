// What an import sets off now rather than at the next sweep, shared by `ladder import`
// and the admin API's import (bot/admin-api.ts): imported hires are onboarded, and a
// new job description version in force is told to the people in its job. The cards
// wait in the outbox for their recipients' working hours.
import type { ImportCounts } from '../adapters/db/import/index.js'
import type { LadderDeps } from '../core/app/store.js'
import { announceJobDescriptions } from '../core/features/jobs/index.js'
import { startOnboardings } from '../core/features/onboarding/index.js'

export interface AfterImport {
  /** New hires whose onboarding started, welcomes and manager notices written to the outbox. */
  onboarding: { started: number; welcomed: number; managersTold: number }
  /** Change notices queued for the people in jobs whose description changed. */
  jobDescriptionNotices: number
}

/** Runs after a real (not dry-run) import that succeeded. */
export async function afterImport(deps: LadderDeps, counts: ImportCounts): Promise<AfterImport> {
  const { started, welcomed, managersTold } = await startOnboardings(deps)
  const descriptionsChanged = counts.job_descriptions.created + counts.job_descriptions.updated > 0
  const notices = descriptionsChanged ? (await announceJobDescriptions(deps)).notices : 0
  return { onboarding: { started, welcomed, managersTold }, jobDescriptionNotices: notices }
}

/** The lines `ladder import` prints about it (none when nothing was set off). */
export function describeAfterImport(result: AfterImport): string[] {
  const { started, welcomed, managersTold } = result.onboarding
  return [
    ...(started + welcomed + managersTold > 0
      ? [`Onboarding: ${started} new hire(s) started, ${welcomed} welcome(s) and ${managersTold} manager notice(s) written to the outbox.`]
      : []),
    ...(result.jobDescriptionNotices > 0
      ? [`Job descriptions: ${result.jobDescriptionNotices} change notice(s) queued for the people in the changed jobs.`]
      : []),
  ]
}
