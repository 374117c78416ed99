// The programmes slice's intents (kernel/intent-spec.ts): HR starts a programme
// and follows it from chat and the console, not only the CLI.
import type { IntentSpec } from '../../kernel/intent-spec.js'
import type { ProgrammeDeps } from './ports.js'
import { programmeStatus } from './programme.js'
import { programmeStatusCard } from './programme-card.js'
import { programmeRecords } from './programme-record.js'
import { programmeRecordsCard } from './programme-record-card.js'
import { startProgrammeAnswer } from './start-programme-form.js'

/** "records #3" (the status card's button), or a question about the records (培养档案): the latest programme's then. */
const RECORDS = /\brecords?\b|档案/
const RECORDS_OF = /#(\d{1,12})/

export const programmeIntents: IntentSpec<ProgrammeDeps>[] = [
  {
    name: 'start_programme',
    changesState: false,
    command: { words: ['programme', 'program'], argument: 'none' },
    cues: [
      [/\b(start|launch|kick ?off|begin|run|set up|open)\b.{0,30}\b(programmes?|programs?)\b/, 4],
      [/\breserve[- ]cadre\b.{0,20}\b(programmes?|programs?|training)?\b/, 1.5],
      [
        /(启动|开始|开启|发起|开展|开一期|组织|开办|创建|新建)(一期|一个|新一期|新的)?.{0,8}(后备干部|培养项目|培养计划|人才培养|干部培养|培养)/,
        4,
      ],
      [/后备干部培养|培养项目|培养计划/, 1.5],
    ],
    canBeAboutSomeoneElse: true,
    answer: (deps, actor, request) =>
      startProgrammeAnswer(deps, actor, {
        ...(request.text ? { text: request.text } : {}),
        ...(request.subjectIds ? { subjectIds: request.subjectIds } : {}),
      }),
  },
  {
    name: 'programme_progress',
    changesState: false,
    cues: [
      [/\b(programmes?|programs?)\b.{0,30}\b(progress|status|how (is|are)|going|records?|results?|completion)\b/, 5],
      [/\b(progress|status|records?|results?|completion)\b.{0,30}\b(programmes?|programs?)\b/, 5],
      [/\bhow(s| is| are)\b.{0,25}\b(programmes?|programs?|reserve[- ]cadre)\b/, 5],
      [/(后备干部|培养项目|培养计划|人才培养|干部培养|培养)(的)?.{0,6}(进度|进展|情况|完成情况|档案|结果|到哪)/, 5],
      [/培养档案/, 5],
    ],
    answer: async (deps, actor, request) => {
      const text = request.text ?? ''
      const status = await programmeStatus(deps, actor)
      if (status.kind === 'status' && RECORDS.test(text.toLowerCase())) {
        const id = RECORDS_OF.exec(text)?.[1]
        const latest = status.programmes.map((p) => p.programme.id).sort((a, b) => b - a)[0]
        const ref = id ? Number(id) : latest
        if (ref !== undefined)
          return programmeRecordsCard(await programmeRecords(deps, actor, { programme: ref }), actor.locale, actor.employee.timeZone)
      }
      return programmeStatusCard(status, actor.locale, actor.employee.timeZone)
    },
  },
]
