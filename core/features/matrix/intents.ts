// The matrix slice's intents: who does what for a course (职责矩阵) and which
// materials are still owed; why a probation review failed (转正考核为什么没过).
import { z } from 'zod'
import { defineTool, type IntentSpec } from '../../kernel/intent-spec.js'
import { trainingMatrix } from './matrix.js'
import { trainingMatrixCard } from './matrix-card.js'
import type { MatrixDeps } from './ports.js'
import { probationDiagnosis } from './probation.js'
import { conclusionText, probationCard, responsibleOf } from './probation-card.js'

export const matrixIntents: IntentSpec<MatrixDeps>[] = [
  {
    name: 'training_matrix',
    changesState: false,
    command: { words: ['matrix'], argument: 'course' },
    names: 'course',
    cues: [
      [/职责矩阵|责任矩阵|培训矩阵|\b(responsibility|training) matrix\b/, 4],
      [/(材料|教材|课件|案例|资料).{0,8}(没|未|还没有?)(提交|提供|上传|交)|(没|未)(提交|提供|上传)的?.{0,6}(材料|教材|课件|资料)/, 4],
      [/\bmissing\b.{0,20}\bmaterials?\b|\bmaterials?\b.{0,30}\b(missing|not (yet )?(provided|submitted|uploaded)|outstanding)\b/, 4],
      [/\bwho (provides|supplies|owns|coaches)\b.{0,40}\b(materials?|course|training)\b/, 3],
      [/谁(负责)?(提供|出|准备|上传)?.{0,6}(材料|教材|课件)|(材料|教材|课件)(由)?谁(提供|出|负责)/, 3],
    ],
    isShared: true,
    answer: async (deps, actor, request) =>
      trainingMatrixCard(
        await trainingMatrix(deps, actor, {
          ...(request.courseCode ? { courseCode: request.courseCode } : {}),
          ...(request.text ? { text: request.text } : {}),
        }),
        actor.locale,
        actor.employee.timeZone,
      ),
    tool: defineTool({
      description:
        "A course's training responsibility matrix (content owner, each material's provider and whether it was provided, who schedules and tracks, who coaches); without a course, every material still missing by provider department.",
      schema: z.strictObject({ course_code: z.string().trim().min(1).max(40).describe('A course code, e.g. RD-101').optional() }),
      async run(deps: MatrixDeps, actor, args) {
        const result = await trainingMatrix(deps, actor, args.course_code ? { courseCode: args.course_code } : {})
        const summary =
          result.kind === 'course'
            ? {
                course: result.matrix.course.code,
                content: result.matrix.content?.code ?? null,
                scheduler: result.matrix.scheduler?.code ?? null,
                coach: result.matrix.coach.department?.code ?? null,
                materials: result.matrix.materials.map((m) => ({ title: m.title.en, provided: m.providedAt !== null })),
              }
            : { missing: result.groups.map((g) => ({ provider: g.provider.department?.code ?? null, count: g.items.length })) }
        return { summary, card: trainingMatrixCard(result, actor.locale, actor.employee.timeZone) }
      },
    }),
  },
  {
    name: 'probation_diagnosis',
    changesState: false,
    command: { words: ['probation'], argument: 'dimension' },
    names: 'dimension',
    cues: [
      [
        /转正(考核|评估|答辩|评审)?.{0,12}(没|未|不)(过|通过|达标|合格)|转正.{0,10}(哪里|什么地方|哪儿|啥)(出了?|有)?问题|转正.{0,6}(失败|挂了)/,
        5,
      ],
      [/\bprobation(ary)?\b.{0,30}\b(fail\w*|not pass\w*|didn'?t pass|went wrong|problem|why)\b|\bfail\w*\b.{0,30}\bprobation(ary)?\b/, 5],
      [/转正考核|\bprobation (review|assessment)\b/, 2],
    ],
    canBeAboutSomeoneElse: true,
    answer: async (deps, actor, request) =>
      probationCard(
        await probationDiagnosis(deps, actor, {
          ...(request.subjectId !== undefined ? { subjectId: request.subjectId } : {}),
          ...(request.dimensionCode ? { dimensionCode: request.dimensionCode } : {}),
        }),
        actor.locale,
        actor.employee.timeZone,
      ),
    tool: defineTool({
      description:
        "Why the asking employee's probation (practical) assessment failed: per failing dimension, the training chain (courses, tests, materials, tracking, coaching) and where it broke.",
      schema: z.strictObject({ dimension_code: z.string().trim().min(1).max(64).describe('A dimension code').optional() }),
      async run(deps: MatrixDeps, actor, args) {
        const result = await probationDiagnosis(deps, actor, args.dimension_code ? { dimensionCode: args.dimension_code } : {})
        const summary =
          result.kind === 'diagnosis'
            ? {
                dimensions: result.dimensions.map((d) => ({
                  dimension: d.dimension.code,
                  practical: d.practical?.attainment ?? null,
                  required: d.required,
                  conclusions: d.conclusions.map((c) => ({ text: conclusionText(c, 'en'), responsible: responsibleOf(c, 'en') })),
                })),
              }
            : { status: result.kind }
        return { summary, card: probationCard(result, actor.locale, actor.employee.timeZone) }
      },
    }),
  },
]
