// What a 360 cycle asks about one subject: the dimensions of the qualification
// standard they are growing into (their next step), else of their current job.
import { nextSteps, standardFor } from '../../kernel/domain/career-paths.js'
import type { Catalog, Employee, Standard } from '../../kernel/domain/types.js'
import type { QuestionnaireItem } from './types.js'

function itemsOf(standard: Standard): QuestionnaireItem[] {
  return standard.dimensions.map((d) => ({
    dimensionId: d.dimension.id,
    code: d.dimension.code,
    name: d.dimension.name,
    // Hard requirements (certificates, exam scores) are facts, not behaviour colleagues can rate.
    behaviours: d.indicators.filter((i) => !i.requirement).map((i) => i.text),
  }))
}

/** The next step's standard (same track first), else the current job's; empty when neither has one. */
export function defaultQuestionnaire(catalog: Catalog, subject: Employee): QuestionnaireItem[] {
  if (subject.jobId === null) return []
  for (const job of [...nextSteps(catalog, subject.jobId), { id: subject.jobId }]) {
    const standard = standardFor(catalog, job.id)
    if (standard && standard.dimensions.length > 0) return itemsOf(standard)
  }
  return []
}

/**
 * A questionnaire of chosen dimensions (codes), behaviours taken from the subject's
 * default questionnaire when the dimension is in it. Unknown codes are returned
 * so the caller can refuse them by name.
 */
export function chosenQuestionnaire(
  catalog: Catalog,
  subject: Employee,
  codes: string[],
): { items: QuestionnaireItem[]; unknown: string[] } {
  const defaults = new Map(defaultQuestionnaire(catalog, subject).map((i) => [i.code, i]))
  const items: QuestionnaireItem[] = []
  const unknown: string[] = []
  for (const code of codes) {
    const dimension = catalog.dimensions.find((d) => d.code === code)
    if (!dimension) unknown.push(code)
    else if (!items.some((i) => i.code === code)) {
      items.push(defaults.get(code) ?? { dimensionId: dimension.id, code, name: dimension.name, behaviours: [] })
    }
  }
  return { items, unknown }
}
