// What onboarding keeps: the plan templates (OnboardingTemplateItem), one
// Onboarding row per new hire, and a small read of the job description in force
// (the jobs feature owns job descriptions; this is only what a welcome shows).
// adapters/db/onboarding-store.ts implements it.
import type { Deps } from '../../kernel/context.js'
import type { Employee } from '../../kernel/domain/types.js'
import type { JobsStore } from '../jobs/index.js'

/** A template line: `courseId` due `dueDays` days after the hire date, for a scope ("job:SM1", "department:RD", "default"). */
export interface PlanLine {
  scope: string
  courseId: number
  dueDays: number
  position: number
}

export interface OnboardingRecord {
  employeeId: number
  hireDate: Date
  /** The template scope the plan came from ("" when none applied). */
  scope: string
  createdAt: Date
  welcomedAt: Date | null
  managerToldAt: Date | null
  completedAt: Date | null
}

/** The job description in force, as a welcome shows it: its purpose and duties, in order. */

export interface OnboardingRepo {
  /** Every template line, by scope then position. */
  planLines(): Promise<PlanLine[]>
  /** Active employees hired in [from, to] who have no onboarding yet, by id. */
  hiredBetween(from: Date, to: Date): Promise<Employee[]>
  /** Makes the person's onboarding; false when they have one already (another process made it). */
  create(input: { employeeId: number; hireDate: Date; scope: string; now: Date }): Promise<boolean>
  byEmployee(employeeId: number): Promise<OnboardingRecord | null>
  byEmployees(employeeIds: readonly number[]): Promise<OnboardingRecord[]>
  /** Onboardings not completed yet, by employee id. */
  open(): Promise<OnboardingRecord[]>
  mark(employeeId: number, what: 'welcomedAt' | 'managerToldAt' | 'completedAt', at: Date): Promise<void>
}

export interface OnboardingStore extends JobsStore {
  onboarding: OnboardingRepo
}

export type OnboardingDeps = Deps<OnboardingStore>
