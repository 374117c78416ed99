// Adds up the cue weights per intent, then lets who is being asked about
// (me, my team, other people, a job) shift the balance: "晋升" is about me,
// "我团队谁可以晋升" is about my team, "谁能胜任室主任" is about candidates.
import { type Cue, READINESS, SELF, TEAM, WHO } from './intent-rules.js'

export interface IntentFeatures {
  /** A job is named, clearly or partly. */
  hasJob: boolean
  /** A job is named clearly (and is masked as "@job" in the text). */
  hasStrongJob: boolean
  hasCourse: boolean
}

export type IntentScores = Map<string, number>

/**
 * Cue weights per intent, then the shared rules below. The rules name intents of
 * several features (who is asked about shifts weight between them); an intent
 * that is not registered is simply not scored.
 */
export function scoreIntents(text: string, features: IntentFeatures, cues: readonly Cue[], names: readonly string[]): IntentScores {
  const scores: IntentScores = new Map(names.map((name) => [name, 0]))
  const add = (name: string, delta: number): void => {
    const score = scores.get(name)
    if (score !== undefined) scores.set(name, score + delta)
  }
  for (const cue of cues) if (cue.pattern.test(text)) add(cue.intent, cue.weight)

  const isSelf = SELF.test(text)
  const isWho = WHO.test(text)
  const isTeam = TEAM.test(text)

  if (features.hasStrongJob) {
    add('job_requirements', 1)
    add('who_is_ready', 1)
  }
  if (!features.hasJob) {
    // "升职需要啥" asks about my promotion, not about a job.
    add('job_requirements', -1.5)
    add('who_is_ready', -1.5)
  }
  if (features.hasJob && isSelf) add('job_requirements', -1)
  if (features.hasCourse) {
    add('enrol', 1)
    add('training_done', 1)
  }
  if (isWho) {
    add('my_tasks', -1.5)
    add('promotion_gap', -1.5)
    add('job_requirements', -1.5)
  }
  if (isTeam) {
    add('promotion_gap', -2)
    add('my_tasks', -1.5)
    if (!features.hasStrongJob) add('who_is_ready', -2)
    if (isWho || READINESS.test(text)) add('team_overview', 1.5)
  }
  // "who's ready for promotion?" without a job: a manager asking about the team.
  if (isWho && !isTeam && !features.hasStrongJob && READINESS.test(text)) add('team_overview', 2.5)
  return scores
}
