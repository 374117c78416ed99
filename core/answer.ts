// Intent → use case → card. The single dispatch table for free text, commands,
// "ask" buttons and the LLM's tool calls alike.
import type { Card } from './cards/card.js'
import type { Actor, Deps } from './context.js'
import type { IntentName } from './intents/intent-names.js'
import { helpCard } from './presenters/help-card.js'
import { promotionGapCard } from './presenters/gap-card.js'
import { jobRequirementsCard } from './presenters/job-card.js'
import { myTasksCard } from './presenters/tasks-card.js'
import { teamOverviewCard, whoIsReadyCard } from './presenters/team-card.js'
import { enrolCard, recommendationsCard, trainingDoneCard } from './presenters/training-card.js'
import { enrol } from './usecases/enrol.js'
import { jobRequirements } from './usecases/job-requirements.js'
import { markTrainingDone } from './usecases/mark-training-done.js'
import { myTasks } from './usecases/my-tasks.js'
import { promotionGap } from './usecases/promotion-gap.js'
import { recommendTraining } from './usecases/recommend-training.js'
import { teamOverview } from './usecases/team-overview.js'
import { whoIsReady } from './usecases/who-is-ready.js'

export interface Request {
  intent: IntentName
  jobCode?: string
  courseCode?: string
}

export async function answer(deps: Deps, actor: Actor, request: Request): Promise<Card> {
  const { locale } = actor
  const options = { jobCode: request.jobCode, courseCode: request.courseCode }
  switch (request.intent) {
    case 'promotion_gap':
      return promotionGapCard(await promotionGap(deps, actor, { targetJobCode: options.jobCode }), locale)
    case 'job_requirements':
      // "What does a senior engineer need?" without a job named reads as the asker's own next step.
      if (!options.jobCode) return promotionGapCard(await promotionGap(deps, actor), locale)
      return jobRequirementsCard(await jobRequirements(deps, { jobCode: options.jobCode }), locale)
    case 'my_tasks':
      return myTasksCard(await myTasks(deps, actor), locale, actor.employee.timeZone)
    case 'recommend_training':
      return recommendationsCard(await recommendTraining(deps, actor, { targetJobCode: options.jobCode }), locale)
    case 'enrol':
      return enrolCard(await enrol(deps, actor, { courseCode: options.courseCode }), locale)
    case 'training_done':
      return trainingDoneCard(await markTrainingDone(deps, actor, { courseCode: options.courseCode }), locale)
    case 'team_overview':
      return teamOverviewCard(await teamOverview(deps, actor), locale)
    case 'who_is_ready':
      return whoIsReadyCard(await whoIsReady(deps, actor, { jobCode: options.jobCode }), locale)
    case 'help':
      return helpCard(locale, actor.employee, 'greeting')
    case 'unknown':
      return helpCard(locale, actor.employee, 'unknown')
  }
}
