// The 360 slice's intent (kernel/intent-spec.ts).
import { makeCard } from '../../kernel/cards/build.js'
import { isHr, isManager } from '../../kernel/context.js'
import { translator } from '../../kernel/i18n/index.js'
import type { IntentSpec } from '../../kernel/intent-spec.js'
import type { FeedbackDeps } from './ports.js'
import { launchFormCard } from './present-cycle.js'

export const feedbackIntents: IntentSpec<FeedbackDeps>[] = [
  {
    name: 'launch_360',
    changesState: false,
    command: { words: ['360'], argument: 'none' },
    cues: [
      [
        /\b(launch|start|kick ?off|run|create|set ?up|begin|initiate|organi[sz]e|open|new)\b.{0,24}\b(360|three sixty|feedback (cycle|round|campaign|survey))\b/,
        4,
      ],
      [/\b(360|feedback) (cycle|round|campaign)?\s?\b(launch|start|kickoff|setup|new)\b/, 3.5],
      [/(发起|启动|开启|开展|组织|创建|新建|开始|搞|做)(一[个轮次场])?.{0,8}(360|三六零|民主测评|环评|全方位评估|多维评估|多方评估)/, 3.5],
      [/(360|三六零)(度)?(评估|评价|反馈|测评)?.{0,4}(发起|启动|开启|新建|创建)/, 3.5],
    ],
    isShared: true,
    async answer(_deps, actor) {
      const { locale } = actor
      if (isHr(actor.employee) || isManager(actor.employee)) return launchFormCard(locale)
      return makeCard(locale, undefined, [
        { type: 'text', text: translator(locale)('feedback.launch.refused') },
        { type: 'actions', buttons: [{ label: translator(locale)('button.myTasks'), action: { id: 'ask', value: 'my_tasks' } }] },
      ])
    },
  },
]
