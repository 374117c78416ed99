// Programmes: timed stages (training, reflection, 360, evaluations) that HR
// starts for a group and that generate everyone's tasks as they begin.
export { advanceProgrammes, programmeStatus, programmeStatusFor, startProgramme, type AdvanceResult as AdvanceProgrammesResult } from './programme.js'
export { programmeStartedCard, programmeStatusCard } from './programme-card.js'
export type { ProgrammeDeps, ProgrammeRecord, ProgrammeRepo,  ProgrammeStore, StageKind, StageStatus,  } from './ports.js'

