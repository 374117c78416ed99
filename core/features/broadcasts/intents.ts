// The broadcasts slice's intents (kernel/intent-spec.ts).
import type { IntentSpec } from '../../kernel/intent-spec.js'
import { broadcastReportAnswer } from './broadcast-report-answer.js'
import { broadcastFormAnswer } from './handle-broadcast-form.js'
import type { BroadcastDeps } from './ports.js'

export const broadcastIntents: IntentSpec<BroadcastDeps>[] = [
  {
    name: 'broadcast',
    changesState: false,
    command: { words: ['broadcast', 'announce'], argument: 'course' },
    names: 'course',
    cues: [
      [/\bbroadcast\w*\b/, 3.5],
      [/\bannounce\w*\b|\bannouncement\b/, 2],
      [
        /\b(post|push|send|share|roll out|assign|announce|announcing)\b.{0,30}\b(courses?|trainings?|@course)\b.{0,30}\b(channel|group|everyone|everybody|all staff|whole (team|department|company))\b/,
        3.5,
      ],
      [/\b(to|in|into) (the |this |our |a )?([a-z@-]+ )?(channel|group|group chat)\b/, 1.5],
      [/广播|群发/, 3.5],
      [
        /(发布|推送|下发|布置|发|推|通知)(一下|一个|一门|个)?.{0,8}(培训|课程|学习任务|@course).{0,10}(到|给|在)?.{0,4}(群|频道|全员|大家|所有人)/,
        3,
      ],
      [/(发布|下发|布置)(一下|一个|一门|个)?.{0,6}(培训|课程|学习任务)|培训通知|课程通知/, 3],
      [/(培训|课程|学习任务|@course).{0,8}(推送|推|发|发布|通知|下发)(到|给|至)(群|频道|全员|大家|所有人)/, 3.5],
    ],
    isShared: true,
    answer: (deps, actor, request) =>
      broadcastFormAnswer(deps, actor, {
        ...(request.courseCode ? { courseCode: request.courseCode } : {}),
        ...(request.conversation ? { conversation: request.conversation } : {}),
        ...(request.sender ? { sender: request.sender } : {}),
      }),
  },
  {
    name: 'broadcast_report',
    changesState: false,
    cues: [
      [/\b(broadcast\w*|announc\w*)\b.{0,30}\b(report|completion|progress|status|results?|stats)\b/, 5],
      [/\b(report|completion|progress|status|results?|stats)\b.{0,30}\b(broadcast\w*|announc\w*)/, 5],
      [/\bwho (has not|hasnt|havent|have not|did not|didnt) (finished|completed|done)\b.{0,30}\b(broadcast\w*|announc\w*)/, 5],
      [/\bhow(s| is| are| did| has)\b.{0,25}\b(broadcast\w*|announc\w*)/, 5],
      [/(广播|发布的?培训|群发的?培训|培训通知).{0,6}(完成情况|完成率|完成进度|进度|统计|报告|结果)/, 5],
      [/(培训|课程)(的)?(完成情况|完成率|完成统计|完成报告)/, 3],
    ],
    answer: (deps, actor, request) => broadcastReportAnswer(deps, actor, request.broadcastId),
  },
]
