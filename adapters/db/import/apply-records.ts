// Writes the per-person records: assessments, evidence, training assignments and
// evaluation tasks. Each is matched by its natural key, so history (an older
// assessment of the same dimension) is kept as its own row and never overwritten.
import { type ApplyContext, idOf, optionalId, presentOnly, sameFields, tally } from './apply-context.js'
import { insertMany } from './bulk-write.js'
import type { AssessmentRow, AssignmentRow, EvaluationRow, EvidenceRow } from './schemas.js'
import type { Located } from './validate-rows.js'

const IN_LIMIT = 900

/** Stored rows of the people an import touches (loaded in slices of ids), by natural key. */
async function storedBy<T>(employeeIds: number[], load: (ids: number[]) => Promise<T[]>, key: (row: T) => string): Promise<Map<string, T>> {
  const unique = [...new Set(employeeIds)]
  const byKey = new Map<string, T>()
  for (let i = 0; i < unique.length; i += IN_LIMIT) {
    for (const row of await load(unique.slice(i, i + IN_LIMIT))) byKey.set(key(row), row)
  }
  return byKey
}

const time = (d: Date | null): number | null => (d === null ? null : d.getTime())

export async function applyAssessments(ctx: ApplyContext, rows: Located<AssessmentRow>[]): Promise<void> {
  if (rows.length === 0) return
  const { tx, ids } = ctx
  const wanted = rows.map(({ value: r, present }) => ({
    employeeId: idOf(ids.employees, r.employee_email),
    dimensionId: idOf(ids.dimensions, r.dimension_code),
    source: r.source,
    assessedAt: r.assessed_at,
    attainment: r.attainment,
    assessorId: optionalId(ids.employees, r.assessor_email),
    note: r.note,
    present,
  }))
  const key = (a: { employeeId: number; dimensionId: number; source: string; assessedAt: Date }) =>
    `${a.employeeId} ${a.dimensionId} ${a.source} ${a.assessedAt.getTime()}`
  const stored = await storedBy(
    wanted.map((w) => w.employeeId),
    (chunk) => tx.assessment.findMany({ where: { employeeId: { in: chunk } } }),
    key,
  )
  const fresh: Omit<(typeof wanted)[number], 'present'>[] = []
  for (const { present, ...w } of wanted) {
    const existing = stored.get(key(w))
    const fields = presentOnly(
      { attainment: w.attainment, assessorId: w.assessorId, note: w.note },
      { attainment: 'attainment', assessorId: 'assessor_email', note: 'note' },
      present,
    )
    if (!existing) {
      fresh.push(w)
      tally(ctx, 'assessments', 'created')
    } else if (sameFields(existing, fields)) {
      tally(ctx, 'assessments', 'unchanged')
    } else {
      await tx.assessment.update({ where: { id: existing.id }, data: fields })
      tally(ctx, 'assessments', 'updated')
    }
  }
  await insertMany(tx, 'Assessment', fresh)
}

export async function applyEvidence(ctx: ApplyContext, rows: Located<EvidenceRow>[]): Promise<void> {
  if (rows.length === 0) return
  const { tx, ids } = ctx
  const wanted = rows.map(({ value: r, present }) => ({
    employeeId: idOf(ids.employees, r.employee_email),
    kind: r.kind,
    key: r.key,
    value: r.value,
    obtainedAt: r.obtained_at,
    source: r.source,
    present,
  }))
  const key = (e: { employeeId: number; kind: string; key: string }) => JSON.stringify([e.employeeId, e.kind, e.key])
  const stored = await storedBy(
    wanted.map((w) => w.employeeId),
    (chunk) => tx.evidence.findMany({ where: { employeeId: { in: chunk } } }),
    key,
  )
  const fresh: Omit<(typeof wanted)[number], 'present'>[] = []
  for (const { present, ...w } of wanted) {
    const existing = stored.get(key(w))
    const fields = presentOnly(
      { value: w.value, obtainedAt: w.obtainedAt, source: w.source },
      { value: 'value', obtainedAt: 'obtained_at', source: 'source' },
      present,
    )
    if (!existing) {
      fresh.push(w)
      tally(ctx, 'evidence', 'created')
    } else if (sameFields(existing, fields)) {
      tally(ctx, 'evidence', 'unchanged')
    } else {
      await tx.evidence.update({ where: { id: existing.id }, data: fields })
      tally(ctx, 'evidence', 'updated')
    }
  }
  await insertMany(tx, 'Evidence', fresh)
}

const ASSIGNMENT_COLUMNS = {
  status: 'status',
  source: 'source',
  dueAt: 'due_at',
  completedAt: 'completed_at',
  score: 'score',
  assignedAt: 'assigned_at',
}

export async function applyAssignments(ctx: ApplyContext, rows: Located<AssignmentRow>[]): Promise<void> {
  if (rows.length === 0) return
  const { tx, ids } = ctx
  const wanted = rows.map(({ value: r, present }) => ({
    present,
    employeeId: idOf(ids.employees, r.employee_email),
    courseId: idOf(ids.courses, r.course_code),
    status: r.status,
    source: r.source,
    assignedAt: r.assigned_at,
    dueAt: r.due_at,
    completedAt: r.completed_at,
    score: r.score,
  }))
  const key = (a: { employeeId: number; courseId: number }) => `${a.employeeId} ${a.courseId}`
  const stored = await storedBy(
    wanted.map((w) => w.employeeId),
    (chunk) => tx.trainingAssignment.findMany({ where: { employeeId: { in: chunk } } }),
    key,
  )
  const fresh = []
  for (const { assignedAt, present, ...w } of wanted) {
    const existing = stored.get(key(w))
    if (!existing) {
      // Without assigned_at, the assignment starts now.
      fresh.push({ ...w, assignedAt: assignedAt ?? ctx.now })
      tally(ctx, 'assignments', 'created')
      continue
    }
    // Without assigned_at, the stored one is kept.
    const fields = presentOnly(
      {
        status: w.status,
        source: w.source,
        dueAt: w.dueAt,
        completedAt: w.completedAt,
        score: w.score,
        assignedAt: assignedAt ?? existing.assignedAt,
      },
      ASSIGNMENT_COLUMNS,
      present,
    )
    if (sameFields(existing, fields)) {
      tally(ctx, 'assignments', 'unchanged')
      continue
    }
    await tx.trainingAssignment.update({ where: { id: existing.id }, data: fields })
    tally(ctx, 'assignments', 'updated')
  }
  await insertMany(tx, 'TrainingAssignment', fresh)
}

export async function applyEvaluations(ctx: ApplyContext, rows: Located<EvaluationRow>[]): Promise<void> {
  if (rows.length === 0) return
  const { tx, ids } = ctx
  const wanted = rows.map(({ value: r, present }) => ({
    present,
    kind: r.kind,
    assigneeId: idOf(ids.employees, r.assignee_email),
    subjectId: optionalId(ids.employees, r.subject_email),
    status: r.status,
    dueAt: r.due_at,
    createdAt: r.created_at,
    completedAt: r.completed_at,
  }))
  // EvaluationTask has no unique index: (kind, assignee, subject, due date) is its natural key here.
  const key = (t: { kind: string; assigneeId: number; subjectId: number | null; dueAt: Date | null }) =>
    JSON.stringify([t.kind, t.assigneeId, t.subjectId, time(t.dueAt)])
  const stored = await storedBy(
    wanted.map((w) => w.assigneeId),
    (chunk) => tx.evaluationTask.findMany({ where: { assigneeId: { in: chunk } }, orderBy: { id: 'asc' } }),
    key,
  )
  const fresh = []
  for (const { createdAt, present, ...w } of wanted) {
    const existing = stored.get(key(w))
    if (!existing) {
      fresh.push({ ...w, createdAt: createdAt ?? ctx.now })
      tally(ctx, 'evaluations', 'created')
      continue
    }
    const fields = presentOnly(
      { status: w.status, completedAt: w.completedAt, createdAt: createdAt ?? existing.createdAt },
      { status: 'status', completedAt: 'completed_at', createdAt: 'created_at' },
      present,
    )
    if (sameFields(existing, fields)) {
      tally(ctx, 'evaluations', 'unchanged')
      continue
    }
    await tx.evaluationTask.update({ where: { id: existing.id }, data: fields })
    tally(ctx, 'evaluations', 'updated')
  }
  await insertMany(tx, 'EvaluationTask', fresh)
}
