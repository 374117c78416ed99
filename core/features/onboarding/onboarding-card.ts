// The onboarding cards: the new hire's welcome, their manager's notice, and the
// plan as the onboarding_plan intent shows it (one person, or a team's new hires).
import { makeCard } from '../../kernel/cards/build.js'
import type { Block, Card } from '../../kernel/cards/card.js'
import { displayName } from '../../kernel/context.js'
import { type Employee, type Job, type Locale, pick } from '../../kernel/domain/types.js'
import { formatDate } from '../../kernel/format.js'
import { type Translate, translator } from '../../kernel/i18n/index.js'
import { askValue } from '../../kernel/intent-spec.js'
import { type JobDescription, recurrenceWords } from '../jobs/index.js'
import { itemBlocks } from '../tasks/index.js'
import type { OnboardingPlanResult } from './onboarding-plan.js'
import type { PlanItem, PlanView } from './plan-view.js'

const MAX_ROWS = 40

export interface WelcomeInput {
  hire: Employee
  job: Job | null
  manager: Employee | null
  description: JobDescription | null
  view: PlanView
}

/** One line per plan course: title, due date (the reader's time zone), test and pass mark, done or overdue. */
function planLines(
  items: readonly PlanItem[],
  locale: Locale,
  timeZone: string,
  tr: Translate,
  scores?: ReadonlyMap<number, string>,
): string {
  return items
    .map((i) => {
      const course = `${i.course.code} ${pick(i.course.title, locale)}`
      const due = i.assignment?.dueAt
        ? tr('onboarding.plan.line', { course, date: formatDate(i.assignment.dueAt, locale, timeZone) })
        : course
      const notes = [
        ...(i.isTest ? [tr('onboarding.plan.test', { passMark: i.passMark })] : []),
        ...(scores?.has(i.course.id) ? [scores.get(i.course.id)!] : []),
        ...(i.isDone ? [tr('onboarding.plan.done')] : i.isOverdue ? [tr('onboarding.plan.overdue')] : []),
      ]
      return `- ${due}${notes.length > 0 ? ` (${notes.join(' · ')})` : ''}`
    })
    .join('\n')
}

function descriptionBlocks(description: JobDescription | null, locale: Locale, tr: Translate): Block[] {
  if (!description) return [{ type: 'text', text: tr('onboarding.jd.none') }]
  const duties = description.duties.map(
    (d) => `- ${pick(d.text, locale)}${d.recurrence ? ` (${recurrenceWords(d.recurrence, locale)})` : ''}`,
  )
  return [
    { type: 'text', text: tr('onboarding.jd.purpose', { purpose: pick(description.purpose, locale) }) },
    ...(duties.length > 0 ? [{ type: 'text' as const, text: `${tr('onboarding.jd.duties')}\n${duties.join('\n')}` }] : []),
  ]
}

/** The hire's welcome: in their language and time zone. */
export function welcomeCard(input: WelcomeInput): Card {
  const { hire, job, manager, description, view } = input
  const locale = hire.locale
  const tr = translator(locale)
  const fields = [
    ...(job ? [{ label: tr('onboarding.welcome.job'), value: pick(job.title, locale) }] : []),
    ...(manager ? [{ label: tr('onboarding.welcome.manager'), value: displayName(manager, locale) }] : []),
    { label: tr('onboarding.welcome.start'), value: formatDate(view.record.hireDate, locale, 'UTC') },
  ]
  const blocks: Block[] = [{ type: 'fields', fields }, ...descriptionBlocks(description, locale, tr), { type: 'divider' }]
  if (view.items.length === 0) blocks.push({ type: 'text', text: tr('onboarding.plan.none') })
  else blocks.push({ type: 'text', text: `${tr('onboarding.plan.title')}\n${planLines(view.items, locale, hire.timeZone, tr)}` })
  const first = view.items.find((i) => !i.isDone && i.assignment)
  if (first?.assignment) {
    blocks.push({ type: 'text', text: tr('onboarding.welcome.start.first') })
    blocks.push(
      ...itemBlocks(
        { kind: 'training', assignment: first.assignment, course: first.course, isOverdue: first.isOverdue },
        locale,
        hire.timeZone,
        tr,
      ),
    )
  }
  blocks.push(
    { type: 'actions', buttons: [{ label: tr('onboarding.button.tasks'), action: { id: 'ask', value: askValue('my_tasks') } }] },
    { type: 'context', text: tr('onboarding.welcome.footer') },
  )
  return makeCard(locale, { title: tr('onboarding.welcome.title', { name: displayName(hire, locale) }), tone: 'success' }, blocks)
}

/** The manager's notice: who joins, in which job, when, and the plan (in the manager's language and time zone). */
export function managerNoticeCard(input: WelcomeInput & { manager: Employee }): Card {
  const { hire, job, manager, view } = input
  const locale = manager.locale
  const tr = translator(locale)
  const name = displayName(hire, locale)
  const blocks: Block[] = [
    {
      type: 'text',
      text: tr('onboarding.manager.body', {
        name,
        job: job ? pick(job.title, locale) : '—',
        date: formatDate(view.record.hireDate, locale, 'UTC'),
      }),
    },
    { type: 'text', text: view.items.length > 0 ? planLines(view.items, locale, manager.timeZone, tr) : tr('onboarding.plan.none') },
    { type: 'context', text: tr('onboarding.manager.footer') },
  ]
  return makeCard(locale, { title: tr('onboarding.manager.title', { name }), tone: 'info' }, blocks)
}

/** The onboarding_plan answer. */
export function onboardingPlanCard(result: OnboardingPlanResult, locale: Locale, timeZone: string): Card {
  const tr = translator(locale)
  switch (result.kind) {
    case 'refused':
      return makeCard(locale, undefined, [{ type: 'text', text: tr('onboarding.view.refused') }])
    case 'none':
      return makeCard(locale, undefined, [
        {
          type: 'text',
          text: result.isSelf ? tr('onboarding.view.noneSelf') : tr('onboarding.view.none', { name: displayName(result.subject, locale) }),
        },
      ])
    case 'plan': {
      const { view, subject, job } = result
      const scores = new Map(
        result.scores.map((s) => [s.courseId, tr('onboarding.plan.scores', { attempts: s.attempts, best: s.best })] as const),
      )
      const blocks: Block[] = [
        {
          type: 'fields',
          fields: [
            ...(job ? [{ label: tr('onboarding.welcome.job'), value: pick(job.title, locale) }] : []),
            { label: tr('onboarding.welcome.start'), value: formatDate(view.record.hireDate, locale, 'UTC') },
          ],
        },
        {
          type: 'text',
          text:
            view.items.length > 0
              ? `${tr('onboarding.plan.titleOf')}\n${planLines(view.items, locale, timeZone, tr, scores)}`
              : tr('onboarding.plan.none'),
        },
        ...(view.record.completedAt
          ? [
              {
                type: 'context' as const,
                text: tr('onboarding.view.completed', { date: formatDate(view.record.completedAt, locale, timeZone) }),
              },
            ]
          : []),
      ]
      return makeCard(
        locale,
        {
          title: tr('onboarding.view.title', { name: displayName(subject, locale) }),
          subtitle: tr('onboarding.view.summary', { done: view.done, total: view.items.length, overdue: view.overdue }),
          tone: view.record.completedAt ? 'success' : view.overdue > 0 ? 'warning' : 'info',
        },
        blocks,
      )
    }
    case 'team': {
      if (result.members.length === 0) return makeCard(locale, undefined, [{ type: 'text', text: tr('onboarding.team.none') }])
      const rows = result.members
        .slice(0, MAX_ROWS)
        .map((m) => [
          displayName(m.employee, locale),
          m.job ? pick(m.job.title, locale) : '—',
          formatDate(m.view.record.hireDate, locale, 'UTC'),
          `${m.view.done}/${m.view.items.length}`,
          m.view.overdue > 0 ? `⚠️ ${m.view.overdue}` : '0',
        ])
      return makeCard(
        locale,
        { title: tr('onboarding.team.title'), tone: result.members.some((m) => m.view.overdue > 0) ? 'warning' : 'info' },
        [
          {
            type: 'table',
            columns: [
              tr('onboarding.team.col.name'),
              tr('onboarding.team.col.job'),
              tr('onboarding.team.col.start'),
              tr('onboarding.team.col.progress'),
              tr('onboarding.team.col.overdue'),
            ],
            rows,
          },
        ],
      )
    }
  }
}
