// What the language model's calls of the gap slice's state-changing tools would do,
// worked out without doing it (kernel/intent-spec.ts, Proposal): the question the
// person confirms, and the "ask" request that does it through the intent's own answer
// when they press Confirm. A call that cannot be done as it stands (an unknown
// course, nobody the asker may assign) is answered read-only, as the use case would.
import { accessTo } from '../../kernel/access.js'
import { type Actor, type Deps, displayName } from '../../kernel/context.js'
import type { LocalDay } from '../../kernel/domain/parse-due-date.js'
import { parseDueDate } from '../../kernel/domain/parse-due-date.js'
import type { Course, Employee } from '../../kernel/domain/types.js'
import { pick } from '../../kernel/domain/types.js'
import { zonedTime } from '../../kernel/domain/zoned-time.js'
import { formatDate } from '../../kernel/format.js'
import { translator } from '../../kernel/i18n/index.js'
import type { Proposal } from '../../kernel/intent-spec.js'
import { peopleNamedIn } from '../../kernel/routing/find-person.js'
import { assignTrainingCard } from './assign-card.js'
import { summariseAssign, summariseEnrol, summariseTrainingDone } from './summaries.js'
import { enrolCard, trainingDoneCard } from './training-card.js'

async function courseNamed(deps: Deps, code: string): Promise<{ course: Course | undefined; courses: Course[] }> {
  const { courses } = await deps.store.catalog.load(deps.clock.now())
  const wanted = code.trim().toLowerCase()
  return { course: courses.find((c) => c.code.toLowerCase() === wanted), courses }
}

const courseParams = (course: Course, actor: Actor) => ({ course: pick(course.title, actor.locale), code: course.code })

export async function proposeEnrol(deps: Deps, actor: Actor, courseCode: string): Promise<Proposal> {
  const { course, courses } = await courseNamed(deps, courseCode)
  if (!course) {
    const result = { kind: 'unknown_course', query: courseCode, suggestions: courses.slice(0, 8) } as const
    return { kind: 'result', summary: summariseEnrol(result, actor.locale), card: enrolCard(result, actor.locale) }
  }
  const question = translator(actor.locale)('llm.confirm.enrol', courseParams(course, actor))
  return { kind: 'confirm', question, request: { courseCode: course.code, onlyFor: actor.employee.id } }
}

export async function proposeTrainingDone(deps: Deps, actor: Actor, courseCode: string, score: number | undefined): Promise<Proposal> {
  const { course } = await courseNamed(deps, courseCode)
  if (!course) {
    const result = { kind: 'unknown_course', query: courseCode } as const
    return {
      kind: 'result',
      summary: summariseTrainingDone(result, actor.locale),
      card: trainingDoneCard(result, actor.locale, actor.employee.timeZone),
    }
  }
  const tr = translator(actor.locale)
  const question =
    score === undefined
      ? tr('llm.confirm.trainingDone', courseParams(course, actor))
      : tr('llm.confirm.trainingDoneScore', { ...courseParams(course, actor), score })
  // The answer reads the score from the words, as it does from a message ("score 85").
  return {
    kind: 'confirm',
    question,
    request: { courseCode: course.code, ...(score === undefined ? {} : { text: `score ${score}` }), onlyFor: actor.employee.id },
  }
}

const isoDay = ({ year, month, day }: LocalDay): string => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`

export interface AssignArguments {
  courseCode: string
  people: readonly string[]
  team: boolean
  due: string | undefined
}

/**
 * Names only the people the asker may assign (others are counted, never named, as
 * the use case refuses them); a due date in words ("Friday") is fixed to its day now.
 */
export async function proposeAssign(deps: Deps, actor: Actor, args: AssignArguments): Promise<Proposal> {
  const tz = actor.employee.timeZone
  const now = deps.clock.now()
  const refusedCard = (result: Parameters<typeof assignTrainingCard>[0]): Proposal => ({
    kind: 'result',
    summary: summariseAssign(result),
    card: assignTrainingCard(result, actor.locale, tz),
  })
  const { course, courses } = await courseNamed(deps, args.courseCode)
  if (!course) return refusedCard({ kind: 'unknown_course', query: args.courseCode, suggestions: courses.slice(0, 8) })
  const day = args.due ? parseDueDate(args.due, now, tz) : null
  const dueAt = day ? zonedTime(day.year, day.month, day.day, 23, 59, tz) : null
  if (dueAt && dueAt.getTime() < now.getTime()) return refusedCard({ kind: 'past_due', dueAt })

  const tr = translator(actor.locale)
  const allowed: Employee[] = []
  let leftOut = 0
  if (args.team) {
    if ((await deps.store.employees.reportsOf(actor.employee.id)).length === 0) return refusedCard({ kind: 'no_team' })
  } else {
    for (const person of args.people) {
      // Whole-name matches only ("Tom" is not "Tomas"), as before.
      const [found] = peopleNamedIn(person, await deps.store.employees.namedIn(person), actor.employee.id)
      const basis = found ? await accessTo(deps.store.employees, actor.employee, found.employee) : null
      if (found && basis && !allowed.some((e) => e.id === found.employee.id)) allowed.push(found.employee)
      else if (!found || !basis) leftOut++
    }
    if (allowed.length === 0) return refusedCard(args.people.length === 0 ? { kind: 'no_one', course } : { kind: 'refused' })
  }
  const who = args.team ? tr('llm.confirm.team') : allowed.map((e) => displayName(e, actor.locale)).join(tr('llm.confirm.and'))
  const due = dueAt ? tr('llm.confirm.due', { date: formatDate(dueAt, actor.locale, tz) }) : ''
  const question =
    tr('llm.confirm.assign', { ...courseParams(course, actor), people: who, due }) +
    (leftOut > 0 ? ` ${tr('llm.confirm.leftOut', { n: leftOut })}` : '')
  // The answer reads "my team" and the due day from the words, as it does from a message.
  const text = [args.team ? 'my team' : '', day ? isoDay(day) : ''].filter((w) => w !== '').join(' ')
  return {
    kind: 'confirm',
    question,
    request: {
      courseCode: course.code,
      ...(args.team ? {} : { subjectIds: allowed.map((e) => e.id) }),
      ...(text ? { text } : {}),
      onlyFor: actor.employee.id,
    },
  }
}
