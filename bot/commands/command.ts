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
