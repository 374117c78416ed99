// Command form: "/ladder gap senior", "ladder tasks", "enrol RD-101". Slack
// passes a slash command's text without the command itself, so "gap senior"
// alone is a command too. A sub-command followed by words that are not an
// argument ("team lead requirements", "help me find a course") is left to the
// free-text router.
import type { IntentName } from './intent-names.js'

export type ArgumentKind = 'job' | 'course' | 'none'

export interface ParsedCommand {
  intent: IntentName
  kind: ArgumentKind
  /** Whether the intent is useless without its argument (enrol needs a course). */
  isArgumentRequired: boolean
  /** What follows the sub-command, filler words removed; '' when nothing does. */
  argument: string
}

interface CommandSpec {
  intent: IntentName
  kind: ArgumentKind
  isArgumentRequired: boolean
}

const spec = (intent: IntentName, kind: ArgumentKind, isArgumentRequired = false): CommandSpec => ({ intent, kind, isArgumentRequired })

const COMMANDS: Record<string, CommandSpec> = {
  gap: spec('promotion_gap', 'job'),
  promotion: spec('promotion_gap', 'job'),
  job: spec('job_requirements', 'job', true),
  requirements: spec('job_requirements', 'job', true),
  requirement: spec('job_requirements', 'job', true),
  req: spec('job_requirements', 'job', true),
  tasks: spec('my_tasks', 'none'),
  task: spec('my_tasks', 'none'),
  todo: spec('my_tasks', 'none'),
  'to-do': spec('my_tasks', 'none'),
  todos: spec('my_tasks', 'none'),
  courses: spec('recommend_training', 'job'),
  recommend: spec('recommend_training', 'job'),
  training: spec('recommend_training', 'job'),
  enrol: spec('enrol', 'course', true),
  enroll: spec('enrol', 'course', true),
  join: spec('enrol', 'course', true),
  done: spec('training_done', 'course', true),
  finished: spec('training_done', 'course', true),
  team: spec('team_overview', 'none'),
  ready: spec('who_is_ready', 'job', true),
  candidates: spec('who_is_ready', 'job', true),
  help: spec('help', 'none'),
  broadcast: spec('broadcast', 'course'),
  announce: spec('broadcast', 'course'),
  '360': spec('launch_360', 'none'),
}

// Words around an argument that carry nothing: "enrol me in X", "done with X".
const FILLERS = new Set(['please', 'pls', 'plz', 'for', 'me', 'in', 'into', 'to', 'the', 'a', 'an', 'with', 'my', 'of', 'on', 'as', 'list', 'now', 'up', 'show', 'thanks'])

/** The command in prepared text, or null when the text does not start with a sub-command. */
export function parseCommand(text: string): ParsedCommand | null {
  const words = text.split(' ').filter(Boolean)
  const first = words[0] === 'ladder' ? 1 : 0
  const command = COMMANDS[words[first] ?? '']
  if (!command) return null
  const argument = words
    .slice(first + 1)
    .filter((word) => !FILLERS.has(word))
    .join(' ')
  if (argument && command.kind === 'none') return null
  return { ...command, argument }
}
