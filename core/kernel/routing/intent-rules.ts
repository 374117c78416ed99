// The rules every intent's cues share: who a message speaks about, and the
// words the speller knows. The cue phrases themselves live with each intent
// (features/*/intents.ts). Cue phrases, with weights, They run over normalized text
// (lower case, no punctuation, no apostrophes: "whats", "im") in which a
// clearly named job is replaced by "@job" and a course by "@course", so that
// the "team" in "team lead" does not read as "my team".

export interface Cue {
  intent: string
  pattern: RegExp
  weight: number
}

/** Speaks about the sender: "I", "my", "我" (not "我们"). */
export const SELF = /\b(i|im|ive|id|me|my|mine|myself)\b|我(?!们)/
/** Asks about other people. */
export const WHO = /\bwho(s|m)?\b|\b(anyone|anybody|someone|somebody|people|candidates?)\b|谁|哪些人|哪位|哪个人|候选|人选|的人/
/** Speaks about the sender's team. */
export const TEAM =
  /\bteams?\b|\b(my|our) (group|squad|department|reports|direct reports|directs|staff|people|org)\b|\breports\b|\bsubordinates?\b|团队|下属|组员|手下|部下|我们组|组里|本组|我组|部门里|我们部门|直属|组内|我带的|下面的人/
/** Readiness or progress words that, about a team, ask for the team overview. */
export const READINESS = /\b(ready|promot\w*|overdue|behind|late|progress|qualified)\b|晋升|升职|逾期|完成|准备|进度|学完/

/** English words the speller may correct a typo to, besides job and course words. */
export const CUE_WORDS = [
  'promotion',
  'promoted',
  'promote',
  'requirements',
  'requirement',
  'qualifications',
  'qualified',
  'criteria',
  'standard',
  'recommend',
  'recommendations',
  'recommendation',
  'suggest',
  'suggestions',
  'courses',
  'course',
  'training',
  'trainings',
  'enrol',
  'enroll',
  'register',
  'finished',
  'completed',
  'evaluation',
  'evaluations',
  'overdue',
  'pending',
  'candidates',
  'vacancy',
  'shortlist',
  'commands',
  'tasks',
  'assignments',
  'deadline',
  'reminders',
  'expected',
  'missing',
  'become',
  'ready',
  'learn',
  'study',
  'improve',
  'passed',
  'responsibilities',
  'department',
  'eligible',
  'broadcast',
  'announce',
  'launch',
  'feedback',
  'channel',
]
