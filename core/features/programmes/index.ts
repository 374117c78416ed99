// Programmes: timed stages (training, reflection, 360, evaluations) that HR
// starts for a group and that generate everyone's tasks as they begin.

export { programmeIntents } from './intents.js'
export type { ProgrammeRecord, ProgrammeRepo, ProgrammeStore, StageKind, StageStatus } from './ports.js'
export {
  type AdvanceResult as AdvanceProgrammesResult,
  advanceProgrammes,
  programmeStatus,
  programmeStatusFor,
  startProgramme,
} from './programme.js'
export { programmeStartedCard, programmeStatusCard } from './programme-card.js'
export { programmeRecords } from './programme-record.js'
export { programmeRecordRows, programmeRecordsCard, RECORD_COLUMNS } from './programme-record-card.js'
export { handleReflectionAction, openReflection } from './reflection-card.js'
export { handleStartProgrammeForm } from './start-programme-form.js'
