// The duties slice's intent (kernel/intent-spec.ts): "职责履行情况".
import { z } from 'zod'
import { defineTool, type IntentSpec } from '../../kernel/intent-spec.js'
import { complianceCard, dutyCompliance } from './compliance.js'
import type { DutiesDeps } from './ports.js'

export const dutiesIntents: IntentSpec<DutiesDeps>[] = [
  {
    name: 'duty_compliance',
    changesState: false,
    command: { words: ['compliance', 'checkins'], argument: 'none' },
    cues: [
      [/职责履行|履职|履行情况|执行情况/, 3],
      [/打卡|签到|按时(提交|完成|交)|准时(提交|完成|交)|盘点/, 2],
      [/(每日|每天|每周|日常|周期)(的)?(职责|任务|检查|盘点)/, 1.5],
      [/\bduty compliance\b|\bcompliance\b|\bcheck[- ]?ins?\b/, 3],
      [/\b(on time|submitted (on time|in time)|missed)\b/, 1.5],
      [/\bduties\b|\bduty\b|\binventory\b|\bdaily (check|count|report)s?\b/, 1.5],
    ],
    canBeAboutSomeoneElse: true,
    answer: async (deps, actor, request) => complianceCard(await dutyCompliance(deps, actor, request), actor.locale),
    tool: defineTool({
      description:
        'Recurring duty check-ins (e.g. a daily parts inventory) owed over a period, done on time, late and missed, per person and duty: the asker’s own, a manager’s reports, everyone for HR. `period` words: "this month", "last week"; default the last 30 days.',
      schema: z.strictObject({ period: z.string().max(40).optional() }),
      async run(deps: DutiesDeps, actor, args) {
        const result = await dutyCompliance(deps, actor, args.period ? { text: args.period } : {})
        const summary =
          result.kind === 'refused'
            ? { result: 'refused' }
            : {
                from: result.period.from,
                to: result.period.to,
                owed: result.total.owed,
                onTime: result.total.onTime,
                late: result.total.late,
                missed: result.total.missed,
                sharePercent: result.total.sharePercent,
              }
        return { summary, card: complianceCard(result, actor.locale) }
      },
    }),
  },
]
