// Command form: "/ladder gap senior", "ladder tasks", "enrol RD-101". Slack
// passes a slash command's text without the command itself, so "gap senior"
// alone is a command too. A sub-command followed by words that are not an
// argument ("team lead requirements", "help me find a course") is left to the
// free-text router.
import type { ArgumentKind } from '../intent-spec.js'

export interface ParsedCommand {
  intent: string
  kind: ArgumentKind
  /** Whether the intent is useless without its argument (enrol needs a course). */
  isArgumentRequired: boolean
  /** What follows the sub-command, filler words removed; '' when nothing does. */
  argument: string
}

export interface CommandSpec {
  intent: string
  kind: ArgumentKind
  isArgumentRequired: boolean
}

// Words around an argument that carry nothing: "enrol me in X", "done with X".
const FILLERS = new Set([
  'please',
  'pls',
  'plz',
  'for',
  'me',
  'in',
  'into',
  'to',
  'the',
  'a',
  'an',
  'with',
  'my',
  'of',
  'on',
  'as',
  'list',
  'now',
  'up',
  'show',
  'thanks',
])

/** The command in prepared text, or null when the text does not start with a sub-command. */
export function parseCommand(text: string, commands: ReadonlyMap<string, CommandSpec>): ParsedCommand | null {
  const words = text.split(' ').filter(Boolean)
  const first = words[0] === 'ladder' ? 1 : 0
  const command = commands.get(words[first] ?? '')
  if (!command) return null
  const argument = words
    .slice(first + 1)
    .filter((word) => !FILLERS.has(word))
    .join(' ')
  if (argument && command.kind === 'none') return null
  return { ...command, argument }
}
