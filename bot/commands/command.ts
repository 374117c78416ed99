import type { EmployeeRepo } from '../../core/kernel/ports.js'
import type { Config } from '../config.js'

/** One `ladder <name>` sub-command; files in bot/commands/ are discovered by name. */
export interface Command {
  summary: string
  usage: string
  /** Returns the process exit code. Prints to stdout/stderr itself. */
  run(args: string[], config: Config): Promise<number>
}

/** Tiny flag parser: `--name value`, `--flag`, and positionals. */
export function parseArgs(args: string[], booleanFlags: string[] = []): { flags: Record<string, string | true>; positionals: string[] } {
  const flags: Record<string, string | true> = {}
  const positionals: string[] = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined]
      if (inline !== undefined) flags[name] = inline
      else if (booleanFlags.includes(name) || i + 1 >= args.length || args[i + 1]!.startsWith('--')) flags[name] = true
      else flags[name] = args[++i]!
    } else positionals.push(arg)
  }
  return { flags, positionals }
}

/** What to do about an empty database, the usual first-run surprise. */
export const EMPTY_DATABASE = 'The database is empty — run `ladder seed-demo` (or `ladder import`) first.'

/**
 * Why nobody answers to `--as <email>`: on an empty database the email is not the
 * problem, so the message says what is, instead of "no such employee".
 */
export async function unknownEmployee(employees: Pick<EmployeeRepo, 'activeAfter'>, email: string, hint = ''): Promise<string> {
  if ((await employees.activeAfter(0, 1)).length === 0) return EMPTY_DATABASE
  return `No active employee with the email "${email}".${hint}`
}
