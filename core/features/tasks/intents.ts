// The tasks slice's intent (kernel/intent-spec.ts).
import { z } from 'zod'
import type { Deps } from '../../kernel/context.js'
import { pick } from '../../kernel/domain/types.js'
import { defineTool, type IntentSpec } from '../../kernel/intent-spec.js'
import { myTasks, type TasksDeps } from './my-tasks.js'
import { myTrainings } from './my-trainings.js'
import { overdueReport } from './overdue-report.js'
import { summariseMyTasks } from './summaries.js'
import { myTasksCard } from './tasks-card.js'
import { tasksOf, tasksOfCard } from './tasks-of.js'
import { myTrainingsCard, overdueCard } from './trainings-card.js'

export const tasksIntents: IntentSpec<TasksDeps>[] = [
  {
    name: 'my_tasks',
    changesState: false,
    command: { words: ['tasks', 'task', 'todo', 'to-do', 'todos'], argument: 'none' },
    cues: [
      [
        /\btasks?\b|\bto[ -]?dos?\b|\bremind me\b|\bpending\b|\bdue\b|\bdeadlines?\b|\bassignments?\b|\breminders?\b|\boutstanding\b|\bbacklog\b|\bchecklist\b/,
        2,
      ],
      [/\boverdue\b|\blate\b|\bbehind\b/, 1.5],
      [/\bassigned\b/, 2],
      [/\bam i assigned\b|\bassigned to me\b|\bi (was|am|have been) assigned\b/, 1.5],
      [/\b(have|need|got) to (do|finish|complete|submit)\b|\bon my plate\b|\bwaiting (on|for) me\b|\bfor me to do\b/, 1.5],
      [/\bevaluations?\b|\bself ?assessments?\b|\bsurveys?\b|\bfill (in|out)\b|\b360\b|\breviews? to\b/, 1.5],
      [/\bmy (trainings?|courses|evaluations?|assessments?)\b/, 1],
      [/\banything (for|pending|due|i need)\b/, 1],
      [/\b(list|show)( me)? my (open |current |pending )?(trainings?|courses|items)\b|\bmy open (trainings?|courses|items)\b/, 2],
      [/\bworking on (this|next) week\b|\bbe working on\b/, 2],
      [/待办|代办|任务|待处理|待完成|待填|待评/, 2.5],
      [/要我做|我要做|要做的|需要我|我该做|我得做|该做的|要处理|要完成|需要完成/, 2],
      [/(没|未)(完成|做完|做|学完|填|提交|交)/, 2],
      [/(今天|这周|本周|最近|现在)(要|该|得)(做|干)|要干嘛|该干嘛|要干啥/, 2],
      [/截止|到期|逾期|过期|超期|deadline|ddl/, 1.5],
      [/(截止|到期|逾期|过期|超期)的?.{0,4}(培训|课|任务|评估)/, 1.5],
      [/评估|评价|考评|自评|互评|填写|要填|反馈/, 1.5],
      [/提醒|事项|清单/, 1],
    ],
    canBeAboutSomeoneElse: true,
    answer: async (deps, actor, request) =>
      tasksOfCard(await tasksOf(deps, actor, request.subjectId), actor.locale, actor.employee.timeZone),
    tool: defineTool({
      description: "The asking employee's open trainings and evaluations, overdue first.",
      schema: z.strictObject({}),
      async run(deps: TasksDeps, actor) {
        const result = await myTasks(deps, actor)
        return { summary: summariseMyTasks(result, actor), card: myTasksCard(result, actor.locale, actor.employee.timeZone) }
      },
    }),
  },
  {
    name: 'my_trainings',
    changesState: false,
    command: { words: ['trainings', 'mytrainings'], argument: 'none' },
    cues: [
      [/\bmy (trainings?|courses|classes)\b|\b(trainings?|courses) (i have|i am|im) (enrolled|signed up|assigned)\b|\benrolled in\b/, 2],
      [/我的(培训|课程|课)|我(报|选|上)了(哪些|什么)(课|培训)|(分配|安排)给我的(培训|课)|我有(哪些|什么)(培训|课)/, 2.5],
    ],
    canBeAboutSomeoneElse: true,
    answer: async (deps, actor, request) =>
      myTrainingsCard(
        await myTrainings(deps, actor, request.subjectId === undefined ? {} : { subjectId: request.subjectId }),
        actor.locale,
        actor.employee.timeZone,
      ),
    tool: defineTool({
      description: 'The trainings assigned to the asking employee: open ones with due dates, then recently completed.',
      schema: z.strictObject({}),
      async run(deps: Deps, actor) {
        const result = await myTrainings(deps, actor)
        const summary =
          result.kind === 'refused'
            ? { refused: true }
            : {
                open: result.open.map((r) => ({
                  course: r.course.code,
                  status: r.assignment.status,
                  dueAt: r.assignment.dueAt?.toISOString() ?? null,
                })),
                completed: result.completed.map((r) => ({ course: r.course.code, score: r.assignment.score })),
              }
        return { summary, card: myTrainingsCard(result, actor.locale, actor.employee.timeZone) }
      },
    }),
  },
  {
    name: 'overdue_report',
    changesState: false,
    command: { words: ['overdue'], argument: 'none' },
    cues: [
      [/\bwho(s| is| are)? (overdue|late|behind)\b|\boverdue (report|list|items|trainings?)\b|\banyone (overdue|late|behind)\b/, 2.5],
      [/谁.{0,6}(逾期|超期|过期|拖延|没按时)|(逾期|超期)(名单|情况|报表|清单|的人)|哪些人.{0,6}(逾期|超期)/, 2.5],
    ],
    answer: async (deps, actor) => overdueCard(await overdueReport(deps, actor), actor.locale, actor.employee.timeZone),
    tool: defineTool({
      description:
        'Overdue trainings and evaluations: across the company for HR, across their reports for a manager, their own for anyone else.',
      schema: z.strictObject({}),
      async run(deps: Deps, actor) {
        const report = await overdueReport(deps, actor)
        const summary = {
          scope: report.scope,
          total: report.total,
          people: report.people,
          // By name: the model repeats what it is given, and a department's code ("RND") reads as a bug.
          byDepartment: report.groups.map((g) => ({
            department: g.department ? pick(g.department.name, actor.locale) : null,
            items: g.items.length,
          })),
        }
        return { summary, card: overdueCard(report, actor.locale, actor.employee.timeZone) }
      },
    }),
  },
]
