// The careers slice's intents: where a person can go from their job (what a job is about: features/jobs).
import { z } from 'zod'
import type { Deps } from '../../kernel/context.js'
import { defineTool, type IntentSpec } from '../../kernel/intent-spec.js'
import { careerPaths } from './career-paths.js'
import { careerPathsCard } from './careers-card.js'

export const careersIntents: IntentSpec[] = [
  {
    name: 'career_paths',
    changesState: false,
    command: { words: ['paths', 'path', 'career'], argument: 'none' },
    cues: [
      [
        /\bcareer (paths?|options?|tracks?|ladder)\b|\b(paths?|tracks?|routes?) (open|available) to me\b|\bwhere can i go\b|\bnext moves?\b/,
        2.5,
      ],
      [/\b(management|technical|expert|specialist) (track|path|route|ladder)\b/, 2],
      [/(发展|晋升|职业)(路径|路线|通道|方向)|走(管理|技术|专家)(路线|线|通道)|有哪些(路|方向|发展)|往哪(个方向)?发展/, 2.5],
    ],
    canBeAboutSomeoneElse: true,
    answer: async (deps, actor, request) =>
      careerPathsCard(
        await careerPaths(deps, actor, request.subjectId === undefined ? {} : { subjectId: request.subjectId }),
        actor.locale,
      ),
    tool: defineTool({
      description: "The career paths open from the asking employee's job: each next step with readiness, open gaps and where it leads.",
      schema: z.strictObject({}),
      async run(deps: Deps, actor) {
        const result = await careerPaths(deps, actor)
        const summary =
          result.kind === 'paths'
            ? {
                from: result.currentJob.code,
                paths: result.options.map(({ report, leadsTo }) => ({
                  to: report.target.code,
                  ...(report.kind === 'report' ? { overall: Math.round(report.overall), isReady: report.isReady } : { standard: 'none' }),
                  leadsTo: leadsTo.map((j) => j.code),
                })),
              }
            : { status: result.kind }
        return { summary, card: careerPathsCard(result, actor.locale) }
      },
    }),
  },
]
