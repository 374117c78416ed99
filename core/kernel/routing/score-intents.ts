// Adds up the cue weights per intent, then lets who is being asked about
// (me, my team, other people, a job) shift the balance: "晋升" is about me,
// "我团队谁可以晋升" is about my team, "谁能胜任室主任" is about candidates.
import { CUES, READINESS, SELF, TEAM, WHO } from './intent-rules.js'
import { INTENT_NAMES, type IntentName } from './intent-names.js'

export interface IntentFeatures {
  /** A job is named, clearly or partly. */
  hasJob: boolean
  /** A job is named clearly (and is masked as "@job" in the text). */
  hasStrongJob: boolean
  hasCourse: boolean
}

export type IntentScores = Record<IntentName, number>

export function scoreIntents(text: string, features: IntentFeatures): IntentScores {
  const scores = Object.fromEntries(INTENT_NAMES.map((name) => [name, 0])) as IntentScores
  for (const cue of CUES) if (cue.pattern.test(text)) scores[cue.intent] += cue.weight

  const isSelf = SELF.test(text)
  const isWho = WHO.test(text)
  const isTeam = TEAM.test(text)

  if (features.hasStrongJob) {
    scores.job_requirements += 1
    scores.who_is_ready += 1
  }
  if (!features.hasJob) {
    // "升职需要啥" asks about my promotion, not about a job.
    scores.job_requirements -= 1.5
    scores.who_is_ready -= 1.5
  }
  if (features.hasJob && isSelf) scores.job_requirements -= 1
  if (features.hasCourse) {
    scores.enrol += 1
    scores.training_done += 1
  }
  if (isWho) {
    scores.my_tasks -= 1.5
    scores.promotion_gap -= 1.5
    scores.job_requirements -= 1.5
  }
  if (isTeam) {
    scores.promotion_gap -= 2
    scores.my_tasks -= 1.5
    if (!features.hasStrongJob) scores.who_is_ready -= 2
    if (isWho || READINESS.test(text)) scores.team_overview += 1.5
  }
  // "who's ready for promotion?" without a job: a manager asking about the team.
  if (isWho && !isTeam && !features.hasStrongJob && READINESS.test(text)) scores.team_overview += 2.5
  return scores
}
