// The jobs slice's intents: what a job is about (its description in force) and
// who is responsible for a duty.
import { z } from 'zod'
import type { Actor } from '../../kernel/context.js'
import { pick } from '../../kernel/domain/types.js'
import { defineTool, type IntentSpec } from '../../kernel/intent-spec.js'
import { day, jobRef } from '../../kernel/summary.js'
import { jobDescriptionCard } from '../careers/index.js'
import { type DutyOwnerResult, dutyOwner } from './duty-owner.js'
import { dutyOwnerCard, NAMES_SHOWN } from './duty-owner-card.js'
import { type JobDescriptionAnswer, jobDescriptionFor } from './job-description.js'
import { publishedJobDescriptionCard } from './job-description-card.js'
import type { JobsDeps } from './ports.js'

const jobCode = z.string().trim().min(1).max(40).describe('A job code from the job list, e.g. RT3')

function jobDescriptionAnswerCard(answer: JobDescriptionAnswer, actor: Actor) {
  return answer.kind === 'published'
    ? publishedJobDescriptionCard(answer.description, answer.isOwn, actor.locale)
    : jobDescriptionCard(answer.result, actor.locale)
}

function jobDescriptionSummary(answer: JobDescriptionAnswer, actor: Actor) {
  const { locale } = actor
  if (answer.kind === 'published') {
    const d = answer.description
    return {
      job: jobRef(d.job, locale),
      version: d.version,
      effectiveFrom: day(d.effectiveFrom),
      purpose: pick(d.purpose, locale),
      duties: d.duties.map((x) => ({
        text: pick(x.text, locale),
        ...(x.owner ? { owner: jobRef(x.owner, locale) } : {}),
        ...(x.recurrence ? { recurrence: x.recurrence } : {}),
        ...(x.evidence && x.evidence !== 'none' ? { evidence: x.evidence } : {}),
      })),
      requirements: d.requirements.map((x) => ({
        text: pick(x.text, locale),
        ...(x.dimension ? { dimension: x.dimension.code } : {}),
        ...(x.weight !== null ? { weight: x.weight } : {}),
      })),
      kpis: d.kpis.map((x) => ({ text: pick(x.text, locale), ...(x.target ? { target: x.target } : {}) })),
    }
  }
  const result = answer.result
  return result.kind === 'job'
    ? {
        job: result.job.code,
        description: 'none published',
        dimensions: result.standard?.dimensions.map((d) => ({ code: d.dimension.code, weight: d.weight })) ?? [],
        leadsTo: result.nextSteps.map((j) => j.code),
      }
    : { status: 'unknown_job', query: result.query }
}

function dutyOwnerSummary(result: DutyOwnerResult, actor: Actor) {
  if (result.kind !== 'matches') return { status: result.kind, ...('phrase' in result ? { phrase: result.phrase } : {}) }
  return {
    phrase: result.phrase,
    ...(result.owners.length > 1 ? { disputed: result.owners.map((j) => j.code) } : {}),
    duties: result.duties.map((d) => ({
      duty: pick(d.text, actor.locale),
      owner: jobRef(d.owner, actor.locale),
      people: d.people.slice(0, NAMES_SHOWN).map((p) => p.name),
      peopleTotal: d.people.length,
    })),
  }
}

export const jobsIntents: IntentSpec<JobsDeps>[] = [
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
      jobDescriptionAnswerCard(await jobDescriptionFor(deps, actor, request.jobCode ? { jobCode: request.jobCode } : {}), actor),
    tool: defineTool({
      description:
        "A job's description (the asker's own when no job is given): purpose, duties with their owner, frequency and evidence, requirements, KPIs; or, when none is published, its place in the ladder and what its standard expects.",
      schema: z.strictObject({ job_code: jobCode.optional() }),
      async run(deps: JobsDeps, actor, args) {
        const answer = await jobDescriptionFor(deps, actor, args.job_code ? { jobCode: args.job_code } : {})
        return { summary: jobDescriptionSummary(answer, actor), card: jobDescriptionAnswerCard(answer, actor) }
      },
    }),
  },
  {
    name: 'duty_owner',
    changesState: false,
    cues: [
      [
        /谁(来)?负责|由谁(负责|来做|做)|归谁(管)?|是谁的(职责|工作|活|事)|该谁(做|负责|管)|归.{1,12}还是|是.{1,12}还是.{1,12}的(职责|工作|事)|哪个(岗位|角色|部门)(负责|管)/,
        2.5,
      ],
      [
        /\bwho('s| is)? (responsible|accountable|in charge)\b|\bwhose (job|duty|responsibility) is\b|\bwho (owns|handles|does|takes care of)\b|\bwhich (role|job|team) (owns|handles|does|is responsible)\b/,
        2.5,
      ],
    ],
    answer: async (deps, actor, request) => dutyOwnerCard(await dutyOwner(deps, { duty: request.text ?? '' }), actor.locale),
    tool: defineTool({
      description:
        'Who is responsible for a duty ("谁负责需求分析"): the matching duties in the published job descriptions, the job that owns each and the people in it; says when two jobs claim it.',
      schema: z.strictObject({
        duty: z.string().trim().min(1).max(200).describe('The duty asked about, e.g. "需求分析" or "parts inventory"'),
      }),
      async run(deps: JobsDeps, actor, args) {
        const result = await dutyOwner(deps, { duty: args.duty })
        return { summary: dutyOwnerSummary(result, actor), card: dutyOwnerCard(result, actor.locale) }
      },
    }),
  },
]
