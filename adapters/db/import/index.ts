// HR data import: files → validation (every error of every row) → one transaction
// applying every file in dependency order. Nothing is written unless all is valid.
import type { Db } from '../client.js'
import {
  applyCertificates,
  applyCourses,
  applyDepartments,
  applyDimensions,
  applyJobs,
  applyPaths,
  applySourceWeights,
} from './apply-catalog.js'
import { type ApplyContext, loadIds, zeroCounts } from './apply-context.js'
import { applyJobDescriptions } from './apply-job-descriptions.js'
import { applyCourseMaterials, applyCourseResponsibilities } from './apply-matrix.js'
import { applyOnboardingPlans } from './apply-onboarding.js'
import { applyEmployees, applyIdentities } from './apply-people.js'
import { applyQuizQuestions } from './apply-quizzes.js'
import { applyAssessments, applyAssignments, applyEvaluations, applyEvidence } from './apply-records.js'
import { applyStandards } from './apply-standards.js'
import { checkDuplicates } from './check-duplicates.js'
import { checkJobDescriptions } from './check-job-descriptions.js'
import { checkMaterials } from './check-materials.js'
import { checkQuizzes } from './check-quizzes.js'
import { checkReferences } from './check-references.js'
import { checkStandards } from './check-standards.js'
import { loadKnownKeys } from './known-keys.js'
import { type ParsedFile, parseFile } from './parse-file.js'
import type { ImportCounts, ImportError, ImportFile, ImportOptions, ImportResult } from './types.js'
import { type RowsByEntity, validateRows } from './validate-rows.js'

export { decodeImportFile } from './decode.js'
export { COLUMNS, ENTITIES, type Entity, entityFromFileName, isEntity } from './entities.js'
export { describeErrors, formatSummary } from './summary.js'
export type { ImportCounts, ImportError, ImportFile, ImportOptions, ImportResult } from './types.js'
export { formatImportError } from './types.js'

/** Large imports run longer than Prisma's 5-second default for an interactive transaction. */
const TRANSACTION_TIMEOUT_MS = 10 * 60_000

/** Thrown inside the transaction of a dry run so that Prisma rolls it back. */
class DryRunRollback extends Error {
  constructor(readonly counts: ImportCounts) {
    super('dry run: rolled back')
  }
}

export async function importFiles(db: Db, files: ImportFile[], opts: ImportOptions): Promise<ImportResult> {
  const parsed: ParsedFile[] = []
  const errors: ImportError[] = []
  for (const file of files) {
    const result = parseFile(file)
    if (result.parsed) parsed.push(result.parsed)
    if (!result.ok) errors.push(...result.errors)
  }
  const validated = validateRows(parsed)
  errors.push(...validated.errors)
  const known = await loadKnownKeys(db)
  errors.push(
    ...checkDuplicates(validated.rows),
    ...checkStandards(validated.rows.standards),
    ...checkJobDescriptions(validated.rows.job_descriptions),
    ...checkReferences(validated.rows, known, validated.mentioned),
    ...checkQuizzes(validated.rows, known, validated.mentioned),
    ...checkMaterials(validated.rows.course_materials),
  )
  if (errors.length > 0) return { ok: false, errors: sortErrors(errors, files) }

  try {
    const counts = await db.$transaction(
      async (tx) => {
        const counts = await applyAll({ tx, ids: await loadIds(tx), counts: zeroCounts(), now: opts.now }, validated.rows)
        if (opts.dryRun) throw new DryRunRollback(counts)
        await tx.auditLog.create({
          data: {
            at: opts.now,
            actor: opts.actor ?? 'import',
            action: 'import.apply',
            entity: 'import',
            data: JSON.stringify({ files: files.map((f) => f.name), counts }),
          },
        })
        return counts
      },
      { timeout: TRANSACTION_TIMEOUT_MS, maxWait: 30_000 },
    )
    return { ok: true, counts }
  } catch (error) {
    if (error instanceof DryRunRollback) return { ok: true, counts: error.counts }
    throw error
  }
}

/** Dependency order, whatever order the files came in. */
async function applyAll(ctx: ApplyContext, rows: RowsByEntity): Promise<ImportCounts> {
  await applyDepartments(ctx, rows.departments)
  await applyDimensions(ctx, rows.dimensions)
  await applyJobs(ctx, rows.jobs)
  await applyPaths(ctx, rows.paths)
  await applyCertificates(ctx, rows.certificates)
  await applyCourses(ctx, rows.courses)
  await applyQuizQuestions(ctx, rows.quiz_questions)
  await applyStandards(ctx, rows.standards)
  await applyJobDescriptions(ctx, rows.job_descriptions)
  await applySourceWeights(ctx, rows.source_weights)
  await applyOnboardingPlans(ctx, rows.onboarding_plans)
  await applyEmployees(ctx, rows.employees)
  await applyIdentities(ctx, rows.identities)
  await applyAssessments(ctx, rows.assessments)
  await applyEvidence(ctx, rows.evidence)
  await applyAssignments(ctx, rows.assignments, rows.evidence)
  await applyEvaluations(ctx, rows.evaluations)
  await applyCourseResponsibilities(ctx, rows.course_responsibilities)
  await applyCourseMaterials(ctx, rows.course_materials)
  return ctx.counts
}

/** Files in the order given, rows top to bottom: the order a person fixes them in. */
function sortErrors(errors: ImportError[], files: ImportFile[]): ImportError[] {
  const fileOrder = new Map(files.map((f, i) => [f.name, i]))
  const rowNumber = (e: ImportError) => (typeof e.row === 'number' ? e.row : Number(e.row.slice('item '.length)))
  return errors
    .map((e, i) => ({ e, i }))
    .sort((a, b) => (fileOrder.get(a.e.file) ?? 0) - (fileOrder.get(b.e.file) ?? 0) || rowNumber(a.e) - rowNumber(b.e) || a.i - b.i)
    .map(({ e }) => e)
}
