// Recurring duties: check-ins opened per person and local date, submitted from
// their card; course materials owed by their provider; the compliance view.
export { checkInButton, dueText, handleDutyAction, materialButton, validateEvidence } from './actions.js'
export { complianceRows, dutyCompliance, periodOf } from './compliance.js'
export { dutiesIntents } from './intents.js'
export { materialProvider } from './materials.js'
export { openDutyCheckIns, owedCheckIns, supersededCheckIns } from './open-check-ins.js'
export type { DutiesRepo, DutiesStore } from './ports.js'
export type { CheckInRecord, CheckInStatus, CheckInView, DutyEvidence, MaterialRecord, RecurringDuty } from './types.js'
