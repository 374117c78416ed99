// Turns progress-data.ts into import files (JSON) dated relative to `now`.
// Dates fall on whole days (02:00 UTC, 10:00 in Shanghai), so seeding twice on
// the same day yields the same natural keys and changes nothing.
import type { ImportFile } from '../import/index.js'
import { ASSIGNMENTS, EVALUATIONS, EVIDENCE, LATEST } from './progress-data.js'

const DOMAIN = '@demo.ladder'
const email = (person: string): string => `${person}${DOMAIN}`

function dayFrom(now: Date, days: number): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days, 2, 0, 0))
}

const iso = (d: Date): string => d.toISOString()
const json = (name: string, rows: object[]): ImportFile => ({ name, content: JSON.stringify(rows) })

/** The assessment, evidence, assignment and evaluation files of the demo. */
export function buildProgressFiles(now: Date, managerOf: (email: string) => string | null): ImportFile[] {
  const day = (n: number) => iso(dayFrom(now, n))
  return [
    json('demo-assessments.json', assessmentRows(day, managerOf)),
    json('demo-evidence.json', evidenceRows(day)),
    json('demo-assignments.json', assignmentRows(day, managerOf)),
    json('demo-evaluations.json', evaluationRows(day)),
  ]
}

/**
 * Per dimension: last year's review (lower), half a year ago a self-assessment
 * at "meets the standard" or better (a peer review agreeing with the manager
 * for every other person), and the latest, by the manager. The gap engine
 * weighs the latest result per source and a self-view only ever lowers
 * (docs/evidence.md), so the people's LATEST figures stay the figures their gap
 * reports show, and a supervisor's "3 — meets" on every dimension makes
 * someone with self-views ready.
 */
function assessmentRows(day: (n: number) => string, managerOf: (email: string) => string | null): object[] {
  const rows: object[] = []
  Object.entries(LATEST).forEach(([person, latest], p) => {
    const who = email(person)
    const manager = managerOf(who)
    for (const [dimension, attainment] of Object.entries(latest)) {
      const base = { employee_email: who, dimension_code: dimension }
      rows.push({
        ...base,
        attainment: Math.max(10, attainment - 18),
        source: manager ? 'supervisor' : '360',
        assessed_at: day(-380 - p),
        assessor_email: manager,
      })
      rows.push(
        p % 2 === 0
          ? { ...base, attainment: Math.max(attainment, 80), source: 'self', assessed_at: day(-190 - p), assessor_email: who }
          : { ...base, attainment, source: 'peer', assessed_at: day(-170 - p) },
      )
      rows.push({
        ...base,
        attainment,
        source: manager ? 'supervisor' : '360',
        assessed_at: day(-20 - (p % 10)),
        assessor_email: manager,
        note: manager ? 'Quarterly review / 季度评估' : null,
      })
    }
  })
  return rows
}

/** Completed trainings leave their course evidence through the importer, as a completion record does. */
function evidenceRows(day: (n: number) => string): object[] {
  return EVIDENCE.map(([person, kind, key, value, daysAgo]) => ({
    employee_email: email(person),
    kind,
    key,
    value,
    obtained_at: day(-daysAgo),
    source: 'import',
  }))
}

function assignmentRows(day: (n: number) => string, managerOf: (email: string) => string | null): object[] {
  return ASSIGNMENTS.map(([person, course, status, source, due, score, verifiedBy]) => ({
    employee_email: email(person),
    course_code: course,
    status,
    source,
    assigned_by_email: source === 'manager' ? managerOf(email(person)) : null,
    assigned_at: day((due ?? 0) - 30),
    due_at: due === null ? null : day(due),
    reported_at: status === 'reported' ? day(-1) : null,
    completed_at: status === 'completed' ? day((due ?? 0) - 2) : null,
    score,
    verified_by: verifiedBy ?? null,
  }))
}

function evaluationRows(day: (n: number) => string): object[] {
  return EVALUATIONS.map(([kind, assignee, subject, status, due, dimension]) => ({
    kind,
    assignee_email: email(assignee),
    subject_email: subject === null ? null : email(subject),
    dimension_code: dimension ?? null,
    status,
    due_at: day(due),
    created_at: day(due - 14),
    completed_at: status === 'completed' ? day(due - 1) : null,
  }))
}
