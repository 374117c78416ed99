// What the training responsibility matrix keeps (CourseResponsibility, CourseMaterial)
// and what the probation diagnosis reads beyond the shared repositories.
// adapters/db/matrix-store.ts implements it; test/support/memory-store.ts in memory.
import type { Deps } from '../../kernel/context.js'
import type { Bilingual } from '../../kernel/domain/types.js'
import type { Store } from '../../kernel/ports.js'

export interface CourseMaterialRecord {
  id: number
  courseId: number
  position: number
  title: Bilingual
  providerDepartmentId: number | null
  providerEmployeeId: number | null
  dueAt: Date | null
  /** Null: still missing. */
  providedAt: Date | null
  url: string | null
}

/** One course's row of the matrix as stored: blank departments are defaults, resolved in core (matrix.ts). */
export interface CourseMatrixRecord {
  courseId: number
  /** Course.ownerDepartmentId: who owns the content when the matrix names nobody. */
  ownerDepartmentId: number | null
  contentDepartmentId: number | null
  schedulerDepartmentId: number | null
  coachDepartmentId: number | null
  coachEmployeeId: number | null
  /** Whether the course has a course_responsibilities row or any material. */
  inMatrix: boolean
  materials: CourseMaterialRecord[]
}

export interface MatrixRepo {
  /** The matrix of these courses, in the order asked (a course without a row has the defaults only). */
  courses(courseIds: readonly number[]): Promise<CourseMatrixRecord[]>
  /** Every material still missing, by course and position. */
  missingMaterials(): Promise<CourseMaterialRecord[]>
  /**
   * HR's department, the default scheduler and tracker: the department most active
   * employees with the role hr are in (the lowest id on a tie); null when none has one.
   */
  hrDepartmentId(): Promise<number | null>
  /** How many reminders Ladder logged per training assignment: the tracking that happened. */
  trainingReminders(assignmentIds: readonly number[]): Promise<Map<number, number>>
}

export interface MatrixStore extends Store {
  matrix: MatrixRepo
}

export type MatrixDeps = Deps<MatrixStore>
