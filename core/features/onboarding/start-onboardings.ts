// New hires: each active person with a recent hire date (ONBOARDING_WINDOW_DAYS,
// or up to a week ahead) and no onboarding gets one: the plan's courses assigned
// (source "onboarding"), a welcome card for their next working-hours moment and a
// notice to their manager, both through the outbox. Run from the reminder sweep,
// after `ladder import`, and when a person links a chat account. Idempotent: the
// Onboarding row is made once, the cards carry fixed keys, and a card nobody could
// receive yet (no chat account, no console) is tried again on the next run.
import type { Course, Employee } from '../../kernel/domain/types.js'
import type { Delivery } from '../../kernel/messaging.js'
import { nextWorkingTime } from '../../kernel/working-time.js'
import { describeJob } from '../jobs/index.js'
import { managerNoticeCard, welcomeCard } from './onboarding-card.js'
import { hireWindow, isNewHire, planDueAt, resolvePlan, scopesFor, welcomeAt } from './plan.js'
import { isPlanComplete, planView } from './plan-view.js'
import type { OnboardingDeps, OnboardingRecord, PlanLine } from './ports.js'

export interface StartOnboardingsResult {
  /** Onboardings made in this run. */
  started: number
  /** Welcome cards written to the outbox in this run. */
  welcomed: number
  managersTold: number
  completed: number
}

const welcomeKey = (employeeId: number): string => `onboarding-welcome:${employeeId}`
const managerKey = (employeeId: number): string => `onboarding-manager:${employeeId}`

export async function startOnboardings(deps: OnboardingDeps): Promise<StartOnboardingsResult> {
  const now = deps.clock.now()
  const repo = deps.store.onboarding
  const windowDays = deps.settings.onboardingWindowDays
  const { from, to } = hireWindow(now, windowDays)
  const hires = (await repo.hiredBetween(from, to)).filter((e) => isNewHire(e, now, windowDays))
  const open = await repo.open()
  const result: StartOnboardingsResult = { started: 0, welcomed: 0, managersTold: 0, completed: 0 }
  if (hires.length === 0 && open.length === 0) return result

  const [catalog, lines] = await Promise.all([deps.store.catalog.load(now), repo.planLines()])
  const started = new Set<number>()
  for (const hire of hires) if (await startOne(deps, hire, lines, catalog.courses, catalog, now)) started.add(hire.id)
  result.started = started.size
  const records = started.size > 0 ? await repo.open() : open
  const told = await notify(deps, records, lines, now, { firstTry: started })
  result.welcomed = told.welcomed
  result.managersTold = told.managersTold
  result.completed = told.completed
  if (result.started + result.welcomed + result.completed > 0)
    deps.log.info({ ...result }, 'onboarding: new hires started, welcomed or done')
  return result
}

/** When a person links a chat account: their welcome, if it is still owed, goes now. */
export async function welcomeOnLink(deps: OnboardingDeps, employee: Employee): Promise<void> {
  const record = await deps.store.onboarding.byEmployee(employee.id)
  if (!record || record.completedAt || (record.welcomedAt && record.managerToldAt)) return
  await notify(deps, [record], await deps.store.onboarding.planLines(), deps.clock.now(), { force: true })
}

async function startOne(
  deps: OnboardingDeps,
  hire: Employee,
  lines: readonly PlanLine[],
  courses: readonly Course[],
  catalog: { jobs: { id: number; code: string }[]; departments: { id: number; code: string; parentId: number | null }[] },
  now: Date,
): Promise<boolean> {
  const plan = resolvePlan(lines, scopesFor(hire, catalog.jobs, catalog.departments))
  const known = new Set(courses.map((c) => c.id))
  const planned = plan.lines.filter((l) => known.has(l.courseId))
  return deps.store.transaction(async (tx) => {
    if (!(await tx.onboarding.create({ employeeId: hire.id, hireDate: hire.hireDate!, scope: plan.scope, now }))) return false
    for (const line of planned) {
      // A course the person already has keeps its assignment (and its due date).
      await tx.progress.enrol({
        employeeId: hire.id,
        courseId: line.courseId,
        source: 'onboarding',
        dueAt: planDueAt(hire.hireDate!, line.dueDays, hire.timeZone, deps.settings, now),
        now,
        assignedById: null,
      })
    }
    await tx.audit.record({
      actorId: null,
      actor: 'system',
      action: 'onboarding.start',
      entity: 'Onboarding',
      entityId: hire.id,
      data: { scope: plan.scope, courses: planned.length },
    })
    return true
  })
}

/** The welcome and the manager's notice still owed, and completion, for these onboardings. */
async function notify(
  deps: OnboardingDeps,
  records: readonly OnboardingRecord[],
  lines: readonly PlanLine[],
  now: Date,
  /** `firstTry`: onboardings made in this run (their cards are tried whatever); `force`: try every card owed. */
  options: { firstTry?: ReadonlySet<number>; force?: boolean },
): Promise<{ welcomed: number; managersTold: number; completed: number }> {
  const counts = { welcomed: 0, managersTold: 0, completed: 0 }
  if (records.length === 0) return counts
  const repo = deps.store.onboarding
  const [catalog, progress] = await Promise.all([
    deps.store.catalog.load(now),
    deps.store.progress.forEmployees(records.map((r) => r.employeeId)),
  ])
  const courses = new Map(catalog.courses.map((c) => [c.id, c]))
  for (const record of records) {
    const hire = await deps.store.employees.byId(record.employeeId)
    if (!hire) continue
    const view = planView(record, lines, progress.get(record.employeeId)?.assignments ?? [], courses, now)
    // Cards are owed only while the person is new: after the window nobody is told any more.
    const isNew = isNewHire(hire, now, deps.settings.onboardingWindowDays)
    if (isPlanComplete(view) && (record.welcomedAt !== null || !isNew)) {
      await repo.mark(record.employeeId, 'completedAt', now)
      counts.completed++
      continue
    }
    if (!isNew) continue
    const manager = hire.managerId === null ? null : await deps.store.employees.byId(hire.managerId)
    // A card nobody could receive is tried again only once its recipient has a chat account (a link
    // also welcomes at once, see welcomeOnLink): not every sweep, each logging the same warning.
    const isRetry = !options.force && !options.firstTry?.has(hire.id)
    const reachable = isRetry ? await deps.store.reminders.addresses([hire.id, ...(manager ? [manager.id] : [])]) : null
    const mayTry = (id: number) => reachable === null || (reachable.get(id)?.length ?? 0) > 0
    const owesWelcome = record.welcomedAt === null && mayTry(hire.id)
    const owesManager = record.managerToldAt === null && manager !== null && manager.status === 'active' && mayTry(manager.id)
    if (!owesWelcome && !owesManager) continue
    const job = catalog.jobs.find((j) => j.id === hire.jobId) ?? null
    const description = hire.jobId === null ? null : await describeJob(deps, hire.jobId)
    const input = { hire, job, manager, description, view }
    const deliveries: Delivery[] = []
    if (owesWelcome)
      deliveries.push({
        recipientId: hire.id,
        card: welcomeCard(input),
        key: welcomeKey(hire.id),
        purpose: 'onboarding_welcome',
        availableAt: welcomeAt(record.hireDate, hire.timeZone, now, deps.settings),
      })
    if (owesManager && manager)
      deliveries.push({
        recipientId: manager.id,
        card: managerNoticeCard({ ...input, manager }),
        key: managerKey(hire.id),
        purpose: 'onboarding_manager',
        availableAt: nextWorkingTime(now, manager.timeZone, deps.settings),
      })
    const unreachable = new Set((await deps.deliver(deliveries))?.unreachable ?? [])
    // Someone nobody can reach yet keeps their card owed: it goes once they link an account.
    if (owesWelcome && !unreachable.has(hire.id)) {
      await repo.mark(hire.id, 'welcomedAt', now)
      counts.welcomed++
    }
    if (owesManager && manager && !unreachable.has(manager.id)) {
      await repo.mark(hire.id, 'managerToldAt', now)
      counts.managersTold++
    }
  }
  return counts
}
