// The gap slice's intents: how each is asked and answered (kernel/intent-spec.ts).
import { z } from 'zod'
import type { Deps } from '../../kernel/context.js'
import { parseDueDate } from '../../kernel/domain/parse-due-date.js'
import { zonedTime } from '../../kernel/domain/zoned-time.js'
import { defineProposingTool, defineTool, type IntentRequest, type IntentSpec } from '../../kernel/intent-spec.js'
import { assignTrainingCard } from './assign-card.js'
import { assignTraining } from './assign-training.js'
import { confirmTrainingFor } from './confirm-training.js'
import { dimensionScore } from './dimension-score.js'
import { dimensionScoreCard } from './dimension-score-card.js'
import { enrol } from './enrol.js'
import { promotionGapCard } from './gap-card.js'
import { jobRequirementsCard } from './job-card.js'
import { jobRequirements } from './job-requirements.js'
import { markTrainingDone } from './mark-training-done.js'
import { promotionGap } from './promotion-gap.js'
import { proposeAssign, proposeEnrol, proposeTrainingDone } from './proposals.js'
import { confirmResultCard } from './quiz-card.js'
import { recommendTraining } from './recommend-training.js'
import { statedScore } from './stated-score.js'
import {
  summariseDimensionScore,
  summariseJobRequirements,
  summarisePromotionGap,
  summariseRecommendations,
  summariseTeam,
  summariseWhoIsReady,
} from './summaries.js'
import { teamOverviewCard, whoIsReadyCard } from './team-card.js'
import { teamOverview } from './team-overview.js'
import { enrolCard, recommendationsCard, trainingDoneCard } from './training-card.js'
import { whoIsReady } from './who-is-ready.js'

const jobCode = z.string().trim().min(1).max(40).describe('A job code from the job list, e.g. RD3')
const dimensionCode = z.string().trim().min(1).max(60).describe('A dimension code from the standard, e.g. technical_skill')
const courseCode = z.string().trim().min(1).max(40).describe('A course code from the course list, e.g. RD-101')
const none = z.strictObject({})

/** "My team", "我的团队", "组员们": every report of the asker rather than named people. */
const TEAM_WORDS =
  /\b(my|our|the|whole|entire) (team|group|reports|direct reports|staff|squad)\b|\beveryone on my team\b|团队|组员|下属|全组|我们组|组里|全员|部门所有人/i

/** A due date in the text, as the end of that day in the asker's time zone. */
function dueDateIn(text: string | undefined, now: Date, timeZone: string): Date | null {
  const day = text ? parseDueDate(text, now, timeZone) : null
  return day ? zonedTime(day.year, day.month, day.day, 23, 59, timeZone) : null
}

/** Someone's gap report: the asker's own, or the named person's when the asker may see it. */
const gapCard = async (deps: Deps, actor: Parameters<typeof promotionGap>[1], request: IntentRequest) => {
  // "What does my job require?" is about the job one holds, unless it asks about moving on from it.
  const ofCurrentJob = !request.jobCode && OWN_JOB.test(request.text ?? '') && !MOVING_ON.test(request.text ?? '')
  return promotionGapCard(
    await promotionGap(deps, actor, {
      targetJobCode: request.jobCode,
      ...(request.subjectId === undefined ? {} : { subjectId: request.subjectId }),
      ...(ofCurrentJob ? { ofCurrentJob } : {}),
    }),
    actor.locale,
  )
}

/** "What does my job require?", "我现在的岗位要求": the job one holds, not the next one. */
const OWN_JOB =
  /\b(my|current|present) (own |current |present )?(job|role|position|post)\b(?! (and|to|vs|versus)\b)|\bthe (job|role) i (have|hold|do|am in)\b|(现在|目前|当前|现任|本)的?(岗位|职位|工作)|我的(岗位|职位)|本职/i
const MOVING_ON = /\b(promot\w*|next|beyond|after|from)\b|晋升|升职|升级|下一|之后|往上/i

export const gapIntents: IntentSpec[] = [
  {
    name: 'promotion_gap',
    changesState: false,
    command: { words: ['gap', 'promotion'], argument: 'job' },
    names: 'job',
    cues: [
      [/\bpromot(e|ed|es|ing|ion|ions|able)?\b|\bpromo\b/, 2],
      [/\bnext (level|step|grade|rank|band|job|role)\b/, 2],
      [/\b(level up|move up|moving up|step up|climb|career (path|progress|growth))\b/, 1.5],
      [/\bhow (far|close|long)\b/, 2],
      [/\b(missing|lacking|gaps?|short of|falling short)\b/, 2],
      [/\b(become|becoming|get to|make it to|reach|move to|step into|go for)\b/, 1.5],
      [/\bam i (ready|qualified|eligible|close|good enough)\b|\bdo i qualify\b|\bcan i (be|become|get)\b/, 2],
      [/\bwhat (do|else do|would|will) i need\b|\bstill need\b/, 1],
      [/\b(stopping|holding|keeping) me\b/, 1.5],
      [/\bwhat (would|will|does) it take (for )?me\b/, 2],
      [/晋升|升职|晋级|提拔|升迁/, 2],
      [/升级/, 1.5],
      [/还差|差什么|差啥|差哪|差多少|差距|差在哪|差点啥|缺什么|缺啥|缺哪|还缺|短板在哪/, 2],
      [/(离|距离).{0,12}(还|多远|多久|差)/, 1.5],
      [/多远|多久能|什么时候能/, 1],
      [/(升|当|做|成为|当上|升任|升到|晋升为|晋升到)\s*@job/, 1],
      [/(我|想)\S{0,2}(升|当|成为|当上|升任|升到|晋升为|晋升到)\s*@job/, 1],
      [/下一级|下一个级别|更高级别|下个级别|往上走|上一个台阶|更进一步/, 2],
      [/(能|可以|会|够格|够资格)升(?!级)|升(吗|了吗|得了|不了)|够不够格|够格吗/, 2],
    ],
    canBeAboutSomeoneElse: true,
    answer: gapCard,
    tool: defineTool({
      description:
        "The asking employee's own gap to their next job(s), or to the named job: overall match, per-dimension current/required, unmet hard requirements, courses that close the gaps.",
      schema: z.strictObject({ job_code: jobCode.optional() }),
      async run(deps: Deps, actor, args) {
        const result = await promotionGap(deps, actor, { ...(args.job_code ? { targetJobCode: args.job_code } : {}) })
        return { summary: summarisePromotionGap(result, actor.locale), card: promotionGapCard(result, actor.locale) }
      },
    }),
  },
  {
    name: 'job_requirements',
    changesState: false,
    command: { words: ['job', 'requirements', 'requirement', 'req'], argument: 'job', isArgumentRequired: true },
    names: 'job',
    cues: [
      [
        /\brequire(s|d|ment|ments)?\b|\bqualifications?\b|\bcriteria\b|\bstandards?\b|\bcompetenc(y|ies)\b|\bjob description\b|\bresponsibilit(y|ies)\b|\bduties\b|\bprerequisites?\b/,
        2,
      ],
      [/\bwhat does (a |an |the )?.{0,40}\b(need|require|take)\b/, 2],
      [/\bexpected (of|from)\b|\bexpectations (of|for)\b/, 2],
      [/\b(do|does) (a |an |the )?@job (need|require|have)\b/, 2],
      [/\bwhat (is|are) (needed|required)\b|\bneeded (for|to be)\b/, 1.5],
      [/\bskills? (does|do|for|needed|required)\b|\bwhat skills\b/, 1.5],
      [/\b(tell me about|describe|what is) (a |an |the )?@job\b/, 1.5],
      [/任职资格|任职要求|任职条件|任职标准|岗位要求|岗位职责|职位要求|资格要求|能力要求|胜任力|能力模型|岗位说明|职位描述/, 3],
      [/要求|条件|标准|职责|具备|门槛/, 2],
      [/需要什么|要什么|需要哪些|要哪些|需要啥|要啥|要会什么|要会啥|需要会|得会|要满足|需要满足|需要具备|满足(什么|哪些|啥)/, 1],
    ],
    isShared: true,
    canBeAboutSomeoneElse: true,
    async answer(deps, actor, request) {
      // "What does a senior engineer need?" without a job named reads as the asker's own next step,
      // and "what does Li Lei need for RD3?" as Li Lei's (if the asker may see it).
      if (!request.jobCode || request.subjectId !== undefined) return gapCard(deps, actor, request)
      return jobRequirementsCard(await jobRequirements(deps, { jobCode: request.jobCode }), actor.locale)
    },
    tool: defineTool({
      description: "Any job's qualification standard: dimensions, weights, required attainment, indicators, next and previous steps.",
      schema: z.strictObject({ job_code: jobCode }),
      async run(deps: Deps, actor, args) {
        const result = await jobRequirements(deps, { jobCode: args.job_code })
        return { summary: summariseJobRequirements(result, actor.locale), card: jobRequirementsCard(result, actor.locale) }
      },
    }),
  },
  {
    name: 'assign_training',
    changesState: true,
    command: { words: ['assign'], argument: 'none' },
    names: 'course',
    cues: [
      [/\bassign(ing|s)?\b(?! to me\b)/, 4],
      [
        /\b(enrol+|enroll|sign up|register|book|put|add|send)\s+(?!me\b|myself\b|us\b|in\b|on\b|for\b|up\b|to\b|into\b|@course)[a-z@][\w.@-]*(\s+[a-z][\w-]*)?(\s+and\s+[a-z][\w-]*(\s+[a-z][\w-]*)?)?\s+(in|on|for|into|to)\b/,
        5,
      ],
      [
        /(给|帮|替|为|让|叫|安排)(?!我(?!的团队|们组|的组|的下属))[^\s，,。!?！？]{1,16}?(都)?(报名|报个名|报上|报一下|安排|去上|去学|去参加|上一下|学一下|参加)/,
        7,
      ],
      [/(团队|组员|下属|全组|我们组|大家|所有人|每个人|全员).{0,6}(都)?(安排|报名|报上|去上|去学|参加)/, 6],
    ],
    canBeAboutSomeoneElse: true,
    async answer(deps, actor, request) {
      const now = deps.clock.now()
      const to = request.subjectIds?.length ? request.subjectIds : request.text && TEAM_WORDS.test(request.text) ? 'team' : []
      const result = await assignTraining(deps, actor, {
        ...(request.courseCode ? { courseCode: request.courseCode } : {}),
        to,
        dueAt: dueDateIn(request.text, now, actor.employee.timeZone),
      })
      return assignTrainingCard(result, actor.locale, actor.employee.timeZone)
    },
    tool: defineProposingTool({
      description:
        'For managers (their reports) and HR (anyone): proposes assigning a course to named people or to the whole team, with an optional due date; the person confirms with a button, nothing happens before. Only when they clearly asked to assign someone.',
      schema: z.strictObject({
        course_code: courseCode,
        people: z.array(z.string().trim().min(1).max(80)).max(50).optional().describe('Names or emails of the people to assign'),
        team: z.boolean().optional().describe('Assign to every report of the asker'),
        due: z.string().trim().max(40).optional().describe('Due date, e.g. 2026-12-20 or "Friday"'),
      }),
      propose: (deps: Deps, actor, args) =>
        proposeAssign(deps, actor, { courseCode: args.course_code, people: args.people ?? [], team: args.team === true, due: args.due }),
    }),
  },
  {
    name: 'recommend_training',
    changesState: false,
    command: { words: ['courses', 'recommend', 'training'], argument: 'job' },
    names: 'job',
    cues: [
      [/\brecommend\w*\b|\bsuggest\w*\b|\badvise\b|\badvice\b/, 2.5],
      [/\b(which|what) (courses?|trainings?|classes|programs?|workshops?)\b/, 2],
      [/\bcourses?\b|\btrainings?\b|\bclasses\b|\bworkshops?\b/, 1],
      [/\b(learn|learning|study|upskill|upskilling|improve|grow|develop)\b/, 1],
      [/\bshould i (take|learn|study|do|attend)\b|\bi should (take|learn|study|do|attend)\b/, 1.5],
      [/\bwhat (should|can|could) i (learn|study|take)\b|\bwhat to (learn|study)\b/, 2],
      [/\bfind (me )?(a |some )?(courses?|training)\b|\b(courses?|training) (for|to)\b/, 1.5],
      [/推荐|建议/, 2.5],
      [/(上|学|选|看)(什么|啥|哪些|哪门|哪个)|学点什么|学点啥|什么课|哪些课|啥课|哪门课|有什么课|有啥课|好课/, 2.5],
      [/课|培训|学习|进修|充电/, 1],
      [/提升|提高|补短板|成长|进步|加强/, 1],
      [/该学|应该学|适合我/, 1.5],
      [/适合.{0,6}(课|培训)|(课|培训).{0,4}适合|有没有.{0,8}(课|培训)/, 1.5],
      [/(怎么|怎样|如何)(提升|提高|加强|学习|进步)/, 2],
    ],
    canBeAboutSomeoneElse: true,
    async answer(deps, actor, request) {
      // Someone else's courses: their gap report, which lists the courses per gap (no Enrol for the asker).
      if (request.subjectId !== undefined) return gapCard(deps, actor, request)
      return recommendationsCard(await recommendTraining(deps, actor, { targetJobCode: request.jobCode }), actor.locale)
    },
    tool: defineTool({
      description: "Courses that close the asking employee's largest gaps, biggest impact first.",
      schema: z.strictObject({ job_code: jobCode.optional() }),
      async run(deps: Deps, actor, args) {
        const result = await recommendTraining(deps, actor, { ...(args.job_code ? { targetJobCode: args.job_code } : {}) })
        return { summary: summariseRecommendations(result, actor.locale), card: recommendationsCard(result, actor.locale) }
      },
    }),
  },
  {
    name: 'enrol',
    changesState: true,
    command: { words: ['enrol', 'enroll', 'join'], argument: 'course', isArgumentRequired: true },
    names: 'course',
    // "报名 RD-102 李雷": an assignment for Li Lei (or a refusal), never the asker's enrolment.
    whenAboutSomeoneElse: 'assign_training',
    cues: [
      [
        /\benrol+(ment|ing|led)?\b|\bsign (me )?up\b|\bsignup\b|\bregister\b|\bjoin\b|\bbook me\b|\badd me\b|\bput me (in|on|down)\b|\bsubscribe\b|\bcount me in\b/,
        3,
      ],
      [/\b(id like to|i would like to|i want to|i wanna|can i|could i|let me|id love to) (take|attend|do|start)\b/, 1.5],
      [/报名|报个名|帮我报|报一下|给我报|报上|报班|选课|我要报|我想报/, 3],
      [/参加|加入|注册|预约|参与/, 2],
      [/我(要|想)学|想上|要上/, 1],
      [/选一下|安排一下|帮我选|帮我安排/, 1.5],
      [/(报|加|上)(一下|上)?\s*@course/, 2.5],
    ],
    answer: async (deps, actor, request) => enrolCard(await enrol(deps, actor, { courseCode: request.courseCode }), actor.locale),
    tool: defineProposingTool({
      description:
        'Proposes enrolling the asking employee in a course; they confirm with a button, nothing happens before. Only when they clearly asked to enrol.',
      schema: z.strictObject({ course_code: courseCode }),
      propose: (deps: Deps, actor, args) => proposeEnrol(deps, actor, args.course_code),
    }),
  },
  {
    name: 'training_done',
    changesState: true,
    command: { words: ['done', 'finished'], argument: 'course', isArgumentRequired: true },
    names: 'course',
    cues: [
      [
        /\bfinished\b|\bcompleted\b|\bdone with\b|\bpassed\b|\bgraduated\b|\bwrapped up\b|\bive done\b|\bmark\b.{0,60}\b(done|complete|completed|finished)\b/,
        3,
      ],
      [/\b(took|attended|did)\b/, 2],
      [/\bdone\b/, 1.5],
      [/\b(already|just|finally)\b/, 0.5],
      [/(?<![没未])(学完|上完|听完|看完|考完|修完|做完|读完)/, 3],
      [/(?<![没未])完成了|已完成|已经完成|完课|结业|结课|毕业|通过了|考过了|结束了/, 2.5],
      [/(?<![没未要待需])完成(?!率|度|情况)/, 1.5],
      [/[了啦]$/, 0.5],
    ],
    // "李雷学完了 RD-101" from someone else is a confirmation by his manager or HR, never the asker's own "done".
    canBeAboutSomeoneElse: true,
    async answer(deps, actor, request) {
      if (request.subjectId !== undefined)
        return confirmResultCard(
          await confirmTrainingFor(deps, actor, { subjectId: request.subjectId, courseCode: request.courseCode }),
          actor.locale,
          actor.employee.timeZone,
        )
      const score = statedScore(request.text)
      return trainingDoneCard(
        await markTrainingDone(deps, actor, { courseCode: request.courseCode, ...(score === undefined ? {} : { score }) }),
        actor.locale,
        actor.employee.timeZone,
      )
    },
    tool: defineProposingTool({
      description:
        'Proposes recording that the asking employee finished a course (with the score they got, if they said one); they confirm with a button, nothing happens before. Only when they clearly said they finished it.',
      schema: z.strictObject({ course_code: courseCode, score: z.number().int().min(0).max(100).optional() }),
      propose: (deps: Deps, actor, args) => proposeTrainingDone(deps, actor, args.course_code, args.score),
    }),
  },
  {
    name: 'team_overview',
    changesState: false,
    command: { words: ['team'], argument: 'none' },
    cues: [
      [/\bteams?\b|\b(my|our) (group|squad|department|reports|direct reports|directs|staff|people|org)\b/, 2.5],
      [/\b(on|in) my team\b|\bmy team\b/, 1],
      [/\breports\b|\bsubordinates?\b|\breportees\b/, 1.5],
      [/\bteam (status|overview|progress|readiness|summary|dashboard)\b|\bhows the team\b/, 1],
      [/\bwho(s| is| are)? (overdue|behind|late)\b/, 2],
      [/团队|下属|组员|手下|部下|我们组|组里|本组|我组|部门里|我们部门|直属|组内|我带的|下面的人/, 3],
      [/谁(逾期|没完成|还没|没学|拖)/, 2],
      [/概况|情况|进度|怎么样/, 0.5],
    ],
    answer: async (deps, actor) => teamOverviewCard(await teamOverview(deps, actor), actor.locale),
    tool: defineTool({
      description: "For managers: their reports' readiness for the next step and overdue items. Refused for others.",
      schema: none,
      async run(deps: Deps, actor) {
        const result = await teamOverview(deps, actor)
        return { summary: summariseTeam(result, actor.locale), card: teamOverviewCard(result, actor.locale) }
      },
    }),
  },
  {
    name: 'who_is_ready',
    changesState: false,
    command: { words: ['ready', 'candidates'], argument: 'job', isArgumentRequired: true },
    names: 'job',
    cues: [
      [/\bcandidates?\b|\bshortlist\w*\b|\bvacanc(y|ies)\b|\bsuccess(ion|or|ors)\b|\bbest fit\b|\bopen (role|position|job)\b/, 2.5],
      [
        /\bwho(s| is| are)? (ready|qualified|eligible|suitable|fit|good enough|prepared)\b|\bwho (can|could|should|would|might)\b|\b(anyone|anybody|someone|somebody) (ready|qualified|eligible|who)\b|\bwho(s| is| are)? (closest|nearest|best|most ready)\b/,
        2.5,
      ],
      [/\bfind (me )?(someone|somebody|people|a person)\b|\bfill (the |a |this |that )?(@job|role|position|vacancy|seat)\b/, 2],
      [/谁(能|可以|适合|够|准备好|有资格|符合|来|行|最适合|合适)|有谁|哪些人|哪位|哪个人|什么人/, 2.5],
      [/候选|人选|空缺|继任|接班|顶上|接替|胜任(?!力)|储备|合适的人|找.{0,10}的人/, 2.5],
    ],
    answer: async (deps, actor, request) => whoIsReadyCard(await whoIsReady(deps, actor, { jobCode: request.jobCode }), actor.locale),
    tool: defineTool({
      description: 'For HR (whole company) and managers (own reports): who meets a job’s standard, best first. Refused for others.',
      schema: z.strictObject({ job_code: jobCode }),
      async run(deps: Deps, actor, args) {
        const result = await whoIsReady(deps, actor, { jobCode: args.job_code })
        return { summary: summariseWhoIsReady(result, actor.locale), card: whoIsReadyCard(result, actor.locale) }
      },
    }),
  },
  {
    name: 'dimension_score',
    changesState: false,
    command: { words: ['score', 'scores'], argument: 'dimension' },
    names: 'dimension',
    cues: [
      [/\b(scores?|scored|ratings?|rated|marks?)\b/, 2.5],
      [
        /\bhow (did|has|have|is|was) (my|his|her|their|(\w+ )?\w+s) .{1,40}\b(change|changed|changing|develop|developed|grow|grown|improve|improved|moved|progress|progressed|gone|going|doing|trending)\b/,
        3,
      ],
      [/\b(history|over time|trend|trending|so far)\b/, 1],
      [/得分|分数|评分|打分|几分|多少分|分值/, 3],
      [/(变化|变了|怎么变|进步了多少|提高了多少|涨了多少|历史|趋势)/, 2],
    ],
    canBeAboutSomeoneElse: true,
    answer: async (deps, actor, request) =>
      dimensionScoreCard(
        await dimensionScore(deps, actor, {
          ...(request.dimensionCode === undefined ? {} : { dimensionCode: request.dimensionCode }),
          ...(request.subjectId === undefined ? {} : { subjectId: request.subjectId }),
        }),
        actor.locale,
      ),
    tool: defineTool({
      description:
        "The asking employee's current attainment in one dimension (integrated over supervisor, 360, peers, tests, imports; self only lowers), what the next step requires, the sources and how it changed over time. Without a dimension: the list to pick from.",
      schema: z.strictObject({ dimension_code: dimensionCode.optional() }),
      async run(deps: Deps, actor, args) {
        const result = await dimensionScore(deps, actor, { ...(args.dimension_code ? { dimensionCode: args.dimension_code } : {}) })
        return { summary: summariseDimensionScore(result, actor.locale), card: dimensionScoreCard(result, actor.locale) }
      },
    }),
  },
]
