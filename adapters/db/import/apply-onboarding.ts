// Writes onboarding plan templates (OnboardingTemplateItem). A scope in the import
// gets exactly its lines there: a course already in the scope is updated (due days,
// position) or left alone, one the file no longer lists is removed. Positions are
// the `position` cells where given, else the file order, renumbered 1, 2, 3 per scope.
import { type ApplyContext, idOf, tally } from './apply-context.js'
import type { OnboardingPlanRow } from './schemas.js'
import type { Located } from './validate-rows.js'

export async function applyOnboardingPlans(ctx: ApplyContext, rows: Located<OnboardingPlanRow>[]): Promise<void> {
  if (rows.length === 0) return
  const { tx, ids } = ctx
  const byScope = new Map<string, { value: OnboardingPlanRow; order: number }[]>()
  rows.forEach(({ value }, order) => {
    byScope.set(value.scope, [...(byScope.get(value.scope) ?? []), { value, order }])
  })
  for (const [scope, lines] of byScope) {
    // Given positions first by their number, then the file order (a line without one keeps its place after them).
    const sorted = [...lines].sort(
      (a, b) => (a.value.position ?? Number.MAX_SAFE_INTEGER) - (b.value.position ?? Number.MAX_SAFE_INTEGER) || a.order - b.order,
    )
    const stored = new Map((await tx.onboardingTemplateItem.findMany({ where: { scope } })).map((i) => [i.courseId, i]))
    const wanted = sorted.map(({ value }, i) => ({
      courseId: idOf(ids.courses, value.course_code),
      dueDays: value.due_days,
      position: i + 1,
    }))
    for (const line of wanted) {
      const existing = stored.get(line.courseId)
      stored.delete(line.courseId)
      if (!existing) {
        await tx.onboardingTemplateItem.create({ data: { scope, ...line } })
        tally(ctx, 'onboarding_plans', 'created')
      } else if (existing.dueDays === line.dueDays && existing.position === line.position) {
        tally(ctx, 'onboarding_plans', 'unchanged')
      } else {
        await tx.onboardingTemplateItem.update({ where: { id: existing.id }, data: { dueDays: line.dueDays, position: line.position } })
        tally(ctx, 'onboarding_plans', 'updated')
      }
    }
    // What is left was dropped from the scope's plan.
    if (stored.size > 0) await tx.onboardingTemplateItem.deleteMany({ where: { id: { in: [...stored.values()].map((i) => i.id) } } })
  }
}
