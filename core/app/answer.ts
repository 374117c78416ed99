// Intent → use case → card. The single dispatch table for free text, commands,
// "ask" buttons and the LLM's tool calls alike.
import type { Card } from '../kernel/cards/card.js'
import type { Actor } from '../kernel/context.js'
import type { LadderDeps } from './store.js'
import { isHr, isManager } from '../kernel/context.js'
import { makeCard } from '../kernel/cards/build.js'
import { launchFormCard } from '../features/feedback/index.js'
import { translator } from '../kernel/i18n/index.js'
import type { Conversation, Sender } from '../kernel/inbound.js'
import { broadcastFormAnswer, broadcastReportAnswer } from '../features/broadcasts/index.js'
import type { IntentName } from '../kernel/routing/intent-names.js'
import { helpCard } from './help-card.js'
import { promotionGapCard, jobRequirementsCard, teamOverviewCard, whoIsReadyCard, enrolCard, recommendationsCard, trainingDoneCard, enrol, jobRequirements, markTrainingDone, promotionGap, recommendTraining, teamOverview, whoIsReady } from '../features/gap/index.js'
import { myTasksCard, myTasks } from '../features/tasks/index.js'

export interface Request {
  intent: IntentName
  jobCode?: string
  courseCode?: string
  /** Where the question was asked: a broadcast asked for in a group defaults to that group. */
  conversation?: Conversation
  /** Who asked, as their platform knows them (a form may list the platform's groups). */
  sender?: Sender
  /** The employee the question is about when it names someone else; access is decided by the use case. */
  subjectId?: number
  /** A broadcast's completion report (from its button); the latest when absent. */
  broadcastId?: number
}

export async function answer(deps: LadderDeps, actor: Actor, request: Request): Promise<Card> {
  const { locale } = actor
  const options = { jobCode: request.jobCode, courseCode: request.courseCode }
  const subject = request.subjectId === undefined ? {} : { subjectId: request.subjectId }
  switch (request.intent) {
    case 'promotion_gap':
      return promotionGapCard(await promotionGap(deps, actor, { targetJobCode: options.jobCode, ...subject }), locale)
    case 'job_requirements':
      // "What does a senior engineer need?" without a job named reads as the asker's own next step,
      // and "what does Li Lei need for RD3?" as Li Lei's (if the asker may see it).
      if (!options.jobCode || request.subjectId !== undefined) return promotionGapCard(await promotionGap(deps, actor, { targetJobCode: options.jobCode, ...subject }), locale)
      return jobRequirementsCard(await jobRequirements(deps, { jobCode: options.jobCode }), locale)
    case 'my_tasks':
      return myTasksCard(await myTasks(deps, actor), locale, actor.employee.timeZone)
    case 'recommend_training':
      // Someone else's courses: their gap report, which lists the courses per gap (no Enrol for the asker).
      if (request.subjectId !== undefined) return promotionGapCard(await promotionGap(deps, actor, { targetJobCode: options.jobCode, ...subject }), locale)
      return recommendationsCard(await recommendTraining(deps, actor, { targetJobCode: options.jobCode }), locale)
    case 'enrol':
      return enrolCard(await enrol(deps, actor, { courseCode: options.courseCode }), locale)
    case 'training_done':
      return trainingDoneCard(await markTrainingDone(deps, actor, { courseCode: options.courseCode }), locale)
    case 'team_overview':
      return teamOverviewCard(await teamOverview(deps, actor), locale)
    case 'who_is_ready':
      return whoIsReadyCard(await whoIsReady(deps, actor, { jobCode: options.jobCode }), locale)
    case 'broadcast':
      return broadcastFormAnswer(deps, actor, {
        ...(options.courseCode ? { courseCode: options.courseCode } : {}),
        ...(request.conversation ? { conversation: request.conversation } : {}),
        ...(request.sender ? { sender: request.sender } : {}),
      })
    case 'broadcast_report':
      return broadcastReportAnswer(deps, actor, request.broadcastId)
    case 'launch_360':
      if (isHr(actor.employee) || isManager(actor.employee)) return launchFormCard(locale)
      return makeCard(locale, undefined, [
        { type: 'text', text: translator(locale)('feedback.launch.refused') },
        { type: 'actions', buttons: [{ label: translator(locale)('button.myTasks'), action: { id: 'ask', value: 'my_tasks' } }] },
      ])
    case 'help':
      return helpCard(locale, actor.employee, 'greeting')
    case 'unknown':
      return helpCard(locale, actor.employee, 'unknown')
  }
}
