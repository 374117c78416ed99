// "我的入职计划", "新人张三的入职进度怎么样", "how are my new hires doing with onboarding":
// one person's plan (their own; a manager's report's; anyone's for HR), or the
// new hires a manager (their reports) or HR (everyone) is following.
import { accessTo, subjectFor } from '../../kernel/access.js'
import { type Actor, isHr, isManager } from '../../kernel/context.js'
import type { Employee, Job } from '../../kernel/domain/types.js'
import { type PlanView, planView } from './plan-view.js'
import type { OnboardingDeps } from './ports.js'

export type OnboardingPlanResult =
  | { kind: 'plan'; subject: Employee; job: Job | null; view: PlanView; scores: { courseId: number; attempts: number; best: number }[] }
  | { kind: 'none'; subject: Employee; isSelf: boolean }
  | { kind: 'team'; members: { employee: Employee; job: Job | null; view: PlanView }[] }
  | { kind: 'refused' }

/** "new hires", "my team", "新人", "下属": the question is about the people the asker follows, not about themselves. */
const ABOUT_TEAM =
  /\bnew (hires?|joiners?|starters?|people|colleagues)\b|\b(my )?(team|reports)\b|新人|新员工|新同事|新入职的|下属|团队|组里/

export async function onboardingPlan(
  deps: OnboardingDeps,
  actor: Actor,
  options: { subjectId?: number; text?: string } = {},
): Promise<OnboardingPlanResult> {
  const me = actor.employee
  const followsOthers = isManager(me) || isHr(me)
  if (options.subjectId === undefined && followsOthers && ABOUT_TEAM.test((options.text ?? '').toLowerCase())) return team(deps, me)
  const access = await subjectFor(deps.store.employees, me, options.subjectId)
  if (!access) return { kind: 'refused' }
  const { subject } = access
  const now = deps.clock.now()
  const record = await deps.store.onboarding.byEmployee(subject.id)
  if (!record) return { kind: 'none', subject, isSelf: subject.id === me.id }
  const [catalog, lines, progress] = await Promise.all([
    deps.store.catalog.load(now),
    deps.store.onboarding.planLines(),
    deps.store.progress.forEmployees([subject.id]),
  ])
  const view = planView(record, lines, progress.get(subject.id)?.assignments ?? [], new Map(catalog.courses.map((c) => [c.id, c])), now)
  const scores = []
  for (const item of view.items.filter((i) => i.isTest)) {
    const attempts = await deps.store.progress.quizAttempts(subject.id, item.course.id)
    if (attempts.length > 0)
      scores.push({ courseId: item.course.id, attempts: attempts.length, best: Math.max(...attempts.map((a) => a.score)) })
  }
  return { kind: 'plan', subject, job: catalog.jobs.find((j) => j.id === subject.jobId) ?? null, view, scores }
}

/** The onboardings a manager (their reports, any depth) or HR (everyone) follows; completed ones stay out. */
async function team(deps: OnboardingDeps, me: Employee): Promise<OnboardingPlanResult> {
  const now = deps.clock.now()
  const open = await deps.store.onboarding.open()
  const members: { employee: Employee; job: Job | null; view: PlanView }[] = []
  if (open.length === 0) return { kind: 'team', members }
  const [catalog, lines, progress] = await Promise.all([
    deps.store.catalog.load(now),
    deps.store.onboarding.planLines(),
    deps.store.progress.forEmployees(open.map((r) => r.employeeId)),
  ])
  const courses = new Map(catalog.courses.map((c) => [c.id, c]))
  for (const record of open) {
    const employee = await deps.store.employees.byId(record.employeeId)
    if (employee?.status !== 'active' || employee.id === me.id) continue
    if (!isHr(me) && (await accessTo(deps.store.employees, me, employee)) !== 'manager') continue
    members.push({
      employee,
      job: catalog.jobs.find((j) => j.id === employee.jobId) ?? null,
      view: planView(record, lines, progress.get(employee.id)?.assignments ?? [], courses, now),
    })
  }
  members.sort((a, b) => b.view.record.hireDate.getTime() - a.view.record.hireDate.getTime() || a.employee.id - b.employee.id)
  return { kind: 'team', members }
}
