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
    rating: r.rating,
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
      { attainment: w.attainment, rating: w.rating, assessorId: w.assessorId, note: w.note },
      { attainment: 'attainment', rating: 'rating', assessorId: 'assessor_email', note: 'note' },
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
  assignedById: 'assigned_by_email',
  dueAt: 'due_at',
  completedAt: 'completed_at',
  score: 'score',
  assignedAt: 'assigned_at',
  reportedAt: 'reported_at',
  verifiedBy: 'verified_by',
}

/** The evidence source a verified completion writes, as ProgressRepo.completeTraining does. */
const evidenceSource = (verifiedBy: string): string => (verifiedBy === 'self' ? 'training' : verifiedBy)

/**
 * Assignments by employee and course. A row that creates or changes a completed
 * assignment is a completion record: it is verified (by `import` unless
 * verified_by says otherwise) and leaves the course as evidence, plus the
 * certificate the course grants, as completing it in chat would. Evidence rows
 * of the same import for that course or certificate win over the derived ones.
 */
export async function applyAssignments(
  ctx: ApplyContext,
  rows: Located<AssignmentRow>[],
  evidenceRows: Located<EvidenceRow>[] = [],
): Promise<void> {
  if (rows.length === 0) return
  const { tx, ids } = ctx
  const wanted = rows.map(({ value: r, present }) => ({
    present,
    course: r.course_code,
    employeeId: idOf(ids.employees, r.employee_email),
    courseId: idOf(ids.courses, r.course_code),
    status: r.status,
    source: r.source,
    assignedById: optionalId(ids.employees, r.assigned_by_email),
    assignedAt: r.assigned_at,
    dueAt: r.due_at,
    reportedAt: r.reported_at,
    completedAt: r.completed_at,
    score: r.score,
    verifiedBy: r.verified_by,
  }))
  const key = (a: { employeeId: number; courseId: number }) => `${a.employeeId} ${a.courseId}`
  const stored = await storedBy(
    wanted.map((w) => w.employeeId),
    (chunk) => tx.trainingAssignment.findMany({ where: { employeeId: { in: chunk } } }),
    key,
  )
  const certificateOf = new Map(
    (await tx.course.findMany({ select: { code: true, certificateCode: true } })).map((c) => [c.code, c.certificateCode]),
  )
  const givenEvidence = new Set(evidenceRows.map(({ value: e }) => JSON.stringify([e.employee_email, e.kind, e.key])))
  const emailOf = new Map([...ids.employees].map(([email, id]) => [id, email]))
  const completions: { employeeId: number; course: string; score: number | null; at: Date; verifiedBy: string }[] = []

  const fresh = []
  for (const { assignedAt, reportedAt, present, course, ...w } of wanted) {
    const existing = stored.get(key(w))
    if (!existing) {
      // Without assigned_at, the assignment starts now; a reported one was reported now.
      const verifiedBy = w.verifiedBy ?? (w.status === 'completed' ? 'import' : null)
      fresh.push({
        ...w,
        verifiedBy,
        assignedAt: assignedAt ?? ctx.now,
        reportedAt: reportedAt ?? (w.status === 'reported' ? ctx.now : null),
      })
      if (w.status === 'completed')
        completions.push({ employeeId: w.employeeId, course, score: w.score, at: w.completedAt!, verifiedBy: verifiedBy! })
      tally(ctx, 'assignments', 'created')
      continue
    }
    const status = present.has('status') ? w.status : existing.status
    // A completion keeps how it was verified unless the file says; anything else is not verified.
    const verifiedBy =
      status !== 'completed' ? null : (w.verifiedBy ?? (existing.status === 'completed' ? existing.verifiedBy : null) ?? 'import')
    // Without assigned_at (reported_at), the stored one is kept.
    const fields = presentOnly(
      {
        status: w.status,
        source: w.source,
        assignedById: w.assignedById,
        dueAt: w.dueAt,
        completedAt: w.completedAt,
        score: w.score,
        assignedAt: assignedAt ?? existing.assignedAt,
        reportedAt: reportedAt ?? existing.reportedAt ?? (status === 'reported' ? ctx.now : null),
        verifiedBy,
      },
      ASSIGNMENT_COLUMNS,
      // A new status decides whether the assignment is verified and when it was reported.
      new Set([...present, ...(present.has('status') ? ['verified_by', 'reported_at'] : [])]),
    )
    if (sameFields(existing, fields)) {
      tally(ctx, 'assignments', 'unchanged')
      continue
    }
    const updated = await tx.trainingAssignment.update({ where: { id: existing.id }, data: fields })
    const isNewCompletion =
      existing.status !== 'completed' ||
      !sameFields(existing, { completedAt: updated.completedAt, score: updated.score, verifiedBy: updated.verifiedBy })
    if (updated.status === 'completed' && updated.completedAt && updated.verifiedBy && isNewCompletion) {
      completions.push({
        employeeId: updated.employeeId,
        course,
        score: updated.score,
        at: updated.completedAt,
        verifiedBy: updated.verifiedBy,
      })
    }
    tally(ctx, 'assignments', 'updated')
  }
  await insertMany(tx, 'TrainingAssignment', fresh)

  for (const c of completions) {
    const source = evidenceSource(c.verifiedBy)
    const email = emailOf.get(c.employeeId)
    const isGiven = (kind: string, evidenceKey: string) => givenEvidence.has(JSON.stringify([email, kind, evidenceKey]))
    if (!isGiven('course', c.course)) {
      await tx.evidence.upsert({
        where: { employeeId_kind_key: { employeeId: c.employeeId, kind: 'course', key: c.course } },
        create: { employeeId: c.employeeId, kind: 'course', key: c.course, value: c.score, obtainedAt: c.at, source },
        update: { value: c.score, obtainedAt: c.at, source },
      })
    }
    const certificate = certificateOf.get(c.course) ?? null
    if (certificate !== null && !isGiven('certificate', certificate)) {
      await tx.evidence.upsert({
        where: { employeeId_kind_key: { employeeId: c.employeeId, kind: 'certificate', key: certificate } },
        create: { employeeId: c.employeeId, kind: 'certificate', key: certificate, value: null, obtainedAt: c.at, source },
        update: { obtainedAt: c.at, source },
      })
    }
  }
}

export async function applyEvaluations(ctx: ApplyContext, rows: Located<EvaluationRow>[]): Promise<void> {
  if (rows.length === 0) return
  const { tx, ids } = ctx
  const wanted = rows.map(({ value: r, present }) => ({
    present,
    kind: r.kind,
    assigneeId: idOf(ids.employees, r.assignee_email),
    subjectId: optionalId(ids.employees, r.subject_email),
    dimensionId: optionalId(ids.dimensions, r.dimension_code),
    status: r.status,
    dueAt: r.due_at,
    createdAt: r.created_at,
    completedAt: r.completed_at,
  }))
  // EvaluationTask has no unique index: (kind, assignee, subject, due date) is its natural key here.
  const key = (t: { kind: string; assigneeId: number; subjectId: number | null; dimensionId: number | null; dueAt: Date | null }) =>
    JSON.stringify([t.kind, t.assigneeId, t.subjectId, t.dimensionId, time(t.dueAt)])
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
