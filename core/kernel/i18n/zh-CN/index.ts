import type { en } from '../en/index.js'
import { assign } from './assign.js'
import { careers } from './careers.js'
import { common } from './common.js'
import { duties } from './duties.js'
import { evaluation } from './evaluation.js'
import { evidence } from './evidence.js'
import { feedback } from './feedback.js'
import { feishu } from './feishu.js'
import { format } from './format.js'
import { gap } from './gap.js'
import { help } from './help.js'
import { intents } from './intents.js'
import { jobs } from './jobs.js'
import { llm } from './llm.js'
import { matrix } from './matrix.js'
import { onboarding } from './onboarding.js'
import { privacy } from './privacy.js'
import { profile } from './profile.js'
import { reminders } from './reminders.js'
import { slack } from './slack.js'
import { tasks } from './tasks.js'
import { team } from './team.js'
import { tracks } from './tracks.js'
import { training } from './training.js'
import { trainings } from './trainings.js'
import { verification } from './verification.js'
import { web } from './web.js'

export const zhCN = {
  ...common,
  ...careers,
  ...format,
  ...gap,
  ...tasks,
  ...duties,
  ...training,
  ...trainings,
  ...llm,
  ...team,
  ...help,
  ...intents,
  ...evaluation,
  ...evidence,
  ...feishu,
  ...slack,
  ...web,
  ...feedback,
  ...reminders,
  ...profile,
  ...privacy,
  ...verification,
  ...assign,
  ...tracks,
  ...jobs,
  ...onboarding,
  ...matrix,
} satisfies Record<keyof typeof en, string>
