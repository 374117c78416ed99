// The careers slice's intents: where a person can go from their job, and what a job is about.
import { z } from 'zod'
import type { Deps } from '../../kernel/context.js'
import { defineTool, type IntentSpec } from '../../kernel/intent-spec.js'
import { careerPaths } from './career-paths.js'
import { careerPathsCard, jobDescriptionCard } from './careers-card.js'
import { jobDescription } from './job-description.js'

const jobCode = z.string().trim().min(1).max(40).describe('A job code from the job list, e.g. RT3')

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
  {
    name: 'job_description',
    changesState: false,
    command: { words: ['jd', 'duties'], argument: 'job' },
    names: 'job',
    cues: [
      [/\bjob description\b|\b(duties|responsibilities)\b|\bwhat does (a|an|the) .{1,40} do\b|\bwhat do(es)? .{1,30} do all day\b/, 2.5],
      [/岗位(职责|说明)|工作职责|职责是什么|主要(做|干)什么|负责(什么|哪些)|工作内容|\bjd\b/, 2.5],
    ],
    answer: async (deps, actor, request) =>
      jobDescriptionCard(await jobDescription(deps, actor, request.jobCode ? { jobCode: request.jobCode } : {}), actor.locale),
    tool: defineTool({
      description: "What a job is about (the asker's own when no job is given): its place in the ladder and what its standard expects.",
      schema: z.strictObject({ job_code: jobCode.optional() }),
      async run(deps: Deps, actor, args) {
        const result = await jobDescription(deps, actor, args.job_code ? { jobCode: args.job_code } : {})
        const summary =
          result.kind === 'job'
            ? {
                job: result.job.code,
                dimensions: result.standard?.dimensions.map((d) => ({ code: d.dimension.code, weight: d.weight })) ?? [],
                leadsTo: result.nextSteps.map((j) => j.code),
              }
            : { status: 'unknown_job', query: result.query }
        return { summary, card: jobDescriptionCard(result, actor.locale) }
      },
    }),
  },
]
