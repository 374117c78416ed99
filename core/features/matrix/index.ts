// The training responsibility matrix (who provides, schedules, tracks and coaches a
// course) and the probation diagnosis that reads it.

export { matrixIntents } from './intents.js'
export type { CourseMaterialRecord, CourseMatrixRecord, MatrixRepo, MatrixStore } from './ports.js'
export { type ProbationResult, probationDiagnosis, probationDiagnosisFor } from './probation.js'
export { PROBATION_COLUMNS, probationCard, probationRows } from './probation-card.js'
