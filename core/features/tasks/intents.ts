// The tasks slice's intent (kernel/intent-spec.ts).
import { z } from 'zod'
import type { Deps } from '../../kernel/context.js'
import { defineTool, type IntentSpec } from '../../kernel/intent-spec.js'
import { myTasks } from './my-tasks.js'
import { summariseMyTasks } from './summaries.js'
import { myTasksCard } from './tasks-card.js'

export const tasksIntents: IntentSpec[] = [
  {
    name: 'my_tasks',
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
    answer: async (deps, actor) => myTasksCard(await myTasks(deps, actor), actor.locale, actor.employee.timeZone),
    tool: defineTool({
      description: "The asking employee's open trainings and evaluations, overdue first.",
      schema: z.strictObject({}),
      async run(deps: Deps, actor) {
        const result = await myTasks(deps, actor)
        return { summary: summariseMyTasks(result, actor), card: myTasksCard(result, actor.locale, actor.employee.timeZone) }
      },
    }),
  },
]
