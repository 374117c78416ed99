// Recurring duties: check-ins opened per person and local date, submitted from
// their card; course materials owed by their provider; the compliance view.
export {
  checkInButton,
  dueText,
  handleDutyAction,
  materialButton,
  type ProvideMaterialResult,
  provideMaterial,
  type SubmitCheckInResult,
  submitCheckIn,
  validateEvidence,
} from './actions.js'
export {
  type ComplianceResult,
  type ComplianceRow,
  complianceCard,
  complianceRows,
  dutyCompliance,
  outcomeOf,
  periodOf,
} from './compliance.js'
export { dutiesIntents } from './intents.js'
export { departmentHead, hrFallback, materialProvider } from './materials.js'
export { type OpenCheckInsResult, openDutyCheckIns, owedCheckIns, supersededCheckIns } from './open-check-ins.js'
export type { DutiesDeps, DutiesRepo, DutiesStore, DutyReminderHistory } from './ports.js'
export type { CheckInRecord, CheckInStatus, CheckInView, DutyEvidence, MaterialRecord, NewCheckIn, RecurringDuty } from './types.js'
