// The importable entities, their columns and the order they are applied in.
// Import, export and docs/import-format.md all follow this one table, so a file
// written by `ladder export` is always a file `ladder import` reads.

/** In dependency order: each entity only refers to those before it. */
export const ENTITIES = [
  'departments',
  'dimensions',
  'jobs',
  'paths',
  'certificates',
  'courses',
  'quiz_questions',
  'standards',
  'job_descriptions',
  'source_weights',
  'onboarding_plans',
  'employees',
  'identities',
  'assessments',
  'evidence',
  'assignments',
  'evaluations',
  'course_responsibilities',
  'course_materials',
] as const
export type Entity = (typeof ENTITIES)[number]

export const isEntity = (value: string): value is Entity => (ENTITIES as readonly string[]).includes(value)

/** Column names per entity, in file order. Required ones are marked in REQUIRED_COLUMNS. */
export const COLUMNS: Record<Entity, readonly string[]> = {
  departments: ['code', 'name_zh', 'name_en', 'parent_code'],
  dimensions: ['code', 'name_zh', 'name_en'],
  jobs: ['code', 'title_zh', 'title_en', 'track', 'level'],
  paths: ['from_job_code', 'to_job_code'],
  certificates: ['code', 'name_zh', 'name_en'],
  courses: [
    'code',
    'title_zh',
    'title_en',
    'format',
    'duration_minutes',
    'url',
    'owner_department_code',
    'pass_mark',
    'dimension_codes',
    'verification',
    'certificate_code',
    'audience_tracks',
  ],
  quiz_questions: ['course_code', 'position', 'question_zh', 'question_en', 'options_zh', 'options_en', 'answer'],
  standards: [
    'job_code',
    'version',
    'effective_from',
    'threshold',
    'dimension_code',
    'weight',
    'required_attainment',
    'indicator_code',
    'indicator_zh',
    'indicator_en',
    'requirement_kind',
    'requirement_key',
    'requirement_value',
  ],
  job_descriptions: [
    'job_code',
    'version',
    'effective_from',
    'purpose_zh',
    'purpose_en',
    'section',
    'code',
    'text_zh',
    'text_en',
    'owner_job_code',
    'recurrence',
    'evidence',
    'dimension_code',
    'target',
  ],
  source_weights: ['scope', 'source', 'weight'],
  onboarding_plans: ['scope', 'course_code', 'due_days', 'position'],
  employees: [
    'email',
    'name',
    'name_en',
    'locale',
    'time_zone',
    'department_code',
    'job_code',
    'manager_email',
    'hire_date',
    'roles',
    'status',
  ],
  identities: ['platform', 'tenant', 'external_id', 'employee_email'],
  assessments: ['employee_email', 'dimension_code', 'attainment', 'rating', 'source', 'assessed_at', 'assessor_email', 'note'],
  evidence: ['employee_email', 'kind', 'key', 'value', 'obtained_at', 'source'],
  assignments: [
    'employee_email',
    'course_code',
    'status',
    'source',
    'assigned_by_email',
    'assigned_at',
    'due_at',
    'reported_at',
    'completed_at',
    'score',
    'verified_by',
  ],
  evaluations: ['kind', 'assignee_email', 'subject_email', 'dimension_code', 'status', 'due_at', 'created_at', 'completed_at'],
  course_responsibilities: ['course_code', 'content_department_code', 'scheduler_department_code', 'coach_department_code', 'coach_email'],
  course_materials: [
    'course_code',
    'position',
    'title_zh',
    'title_en',
    'provider_department_code',
    'provider_email',
    'due_date',
    'provided_at',
    'url',
  ],
}

/** Columns a file must have in its header (their cells may still be validated further). */
export const REQUIRED_COLUMNS: Record<Entity, readonly string[]> = {
  departments: ['code', 'name_zh', 'name_en'],
  dimensions: ['code', 'name_zh', 'name_en'],
  jobs: ['code', 'title_zh', 'title_en', 'track', 'level'],
  paths: ['from_job_code', 'to_job_code'],
  certificates: ['code', 'name_zh', 'name_en'],
  courses: ['code', 'title_zh', 'title_en', 'format', 'duration_minutes'],
  quiz_questions: ['course_code', 'position', 'question_zh', 'question_en', 'options_zh', 'options_en', 'answer'],
  standards: ['job_code', 'version', 'effective_from', 'dimension_code', 'weight'],
  job_descriptions: ['job_code', 'version', 'section', 'code', 'text_zh', 'text_en'],
  source_weights: ['scope', 'source', 'weight'],
  onboarding_plans: ['scope', 'course_code', 'due_days'],
  employees: ['email', 'name'],
  identities: ['platform', 'tenant', 'external_id', 'employee_email'],
  assessments: ['employee_email', 'dimension_code', 'attainment', 'source', 'assessed_at'],
  evidence: ['employee_email', 'kind', 'key', 'obtained_at'],
  assignments: ['employee_email', 'course_code'],
  evaluations: ['kind', 'assignee_email'],
  course_responsibilities: ['course_code'],
  course_materials: ['course_code', 'title_zh', 'title_en'],
}

/** Columns holding `;`-separated lists in CSV (arrays in JSON). */
export const LIST_COLUMNS: ReadonlySet<string> = new Set(['dimension_codes', 'audience_tracks', 'roles', 'options_zh', 'options_en'])

/** Other spellings a file name may use for an entity. */
const ALIASES: Record<string, Entity> = {
  departments: 'departments',
  department: 'departments',
  dimensions: 'dimensions',
  dimension: 'dimensions',
  jobs: 'jobs',
  job: 'jobs',
  paths: 'paths',
  promotion_paths: 'paths',
  certificates: 'certificates',
  certificate: 'certificates',
  courses: 'courses',
  course: 'courses',
  quiz_questions: 'quiz_questions',
  quiz: 'quiz_questions',
  quizzes: 'quiz_questions',
  questions: 'quiz_questions',
  standards: 'standards',
  qualification_standards: 'standards',
  job_descriptions: 'job_descriptions',
  jds: 'job_descriptions',
  // Not "weights" alone: "standards-weights.csv" must stay a standards file.
  source_weights: 'source_weights',
  evidence_weights: 'source_weights',
  onboarding_plans: 'onboarding_plans',
  onboarding: 'onboarding_plans',
  onboarding_templates: 'onboarding_plans',
  employees: 'employees',
  employee: 'employees',
  identities: 'identities',
  chat_identities: 'identities',
  assessments: 'assessments',
  evidence: 'evidence',
  assignments: 'assignments',
  training_assignments: 'assignments',
  evaluations: 'evaluations',
  evaluation_tasks: 'evaluations',
  course_responsibilities: 'course_responsibilities',
  responsibilities: 'course_responsibilities',
  training_matrix: 'course_responsibilities',
  course_materials: 'course_materials',
  materials: 'course_materials',
  training_materials: 'course_materials',
}

/**
 * The entity a file holds, from its name: `employees.csv`, `2026-employees.json`,
 * `hr_training_assignments.csv`. Null when no word (or two different ones) matches.
 */
export function entityFromFileName(fileName: string): Entity | null {
  const base = fileName
    .split(/[\\/]/)
    .pop()!
    .replace(/\.(csv|json)$/i, '')
    .toLowerCase()
  const words = base.split(/[^a-z]+/).filter(Boolean)
  const found = new Set<Entity>()
  // Two-word aliases first ("promotion_paths"), then single words.
  for (let i = 0; i < words.length; i++) {
    const pair = i + 1 < words.length ? ALIASES[`${words[i]}_${words[i + 1]}`] : undefined
    if (pair) {
      found.add(pair)
      i++
      continue
    }
    const single = ALIASES[words[i]!]
    if (single) found.add(single)
  }
  return found.size === 1 ? [...found][0]! : null
}
