// `ladder erase`: a person's personal data erased (a PIPL/GDPR request), the same
// use case as HR's chat action. Without --yes it only shows what would change.
import { type EraseResult, eraseLinesText, erasePerson } from '../../core/features/privacy/index.js'
import { openCommandRuntime } from '../runtime.js'
import { type Command, EMPTY_DATABASE, parseArgs, unknownEmployee } from './command.js'

const USAGE = `ladder erase --email <addr> [--as <hr email>] [--dry-run] [--yes] [--json]

  Removes or anonymises everything Ladder keeps about the person (docs/privacy.md) and
  leaves an anonymous tombstone ("Erased person #<id>") where other people's records
  point at them. Without --yes (or with --dry-run) it only prints what would change.
  With --as the erasure is HR's, authorised as in chat; without it, the operator's.`

export const command: Command = {
  summary: "Erase a person's personal data (PIPL/GDPR): preview, then --yes",
  usage: USAGE,
  async run(args, config) {
    const { flags } = parseArgs(args, ['dry-run', 'yes', 'json'])
    const email = typeof flags.email === 'string' ? flags.email : undefined
    if (!email || (flags.as !== undefined && typeof flags.as !== 'string')) {
      console.error(`Usage: ${USAGE}`)
      return 2
    }
    const runtime = await openCommandRuntime(config)
    try {
      const { store } = runtime
      const hr = typeof flags.as === 'string' ? await store.employees.byEmail(flags.as) : null
      if (typeof flags.as === 'string' && hr?.status !== 'active') {
        console.error(await unknownEmployee(store.employees, flags.as))
        return 1
      }
      const actor = hr ? { employee: hr, locale: hr.locale } : null
      const locale = actor?.locale ?? 'en'
      const person = await store.employees.byEmail(email)
      if (!person) {
        if ((await store.employees.activeAfter(0, 1)).length === 0) {
          console.error(EMPTY_DATABASE)
          return 1
        }
        // Idempotent: erasing again finds nobody left to erase.
        console.log(`Nothing to erase: no employee has the email "${email}" (erased already, or never imported).`)
        return 0
      }
      const apply = flags.yes === true && flags['dry-run'] !== true
      const result = await erasePerson(runtime.deps, actor, { employeeId: person.id, dryRun: !apply })
      if (flags.json) console.log(JSON.stringify(jsonOf(result), null, 2))
      else console.log(textOf(result, email, locale))
      return result.kind === 'erased' || result.kind === 'dry_run' || result.kind === 'already_erased' ? 0 : 1
    } finally {
      await runtime.close()
    }
  },
}

function textOf(result: EraseResult, email: string, locale: 'en' | 'zh-CN'): string {
  switch (result.kind) {
    case 'refused':
      return 'Refused: only HR may erase a person (the --as employee is not HR).'
    case 'self':
      return 'Refused: nobody erases their own data; ask another HR person, or run it without --as.'
    case 'not_found':
      return `Nothing to erase: no employee has the email "${email}".`
    case 'already_erased':
      return `Already erased: employee #${result.person.id} is a tombstone.`
    case 'dry_run':
      return `Dry run — erasing ${email} (employee #${result.tombstoneId}) would change:\n${eraseLinesText(result.lines, locale)}\nRun again with --yes to erase.`
    case 'erased':
      return `Erased ${email}: employee #${result.tombstoneId} is now an anonymous tombstone.\n${eraseLinesText(result.lines, locale)}`
  }
}

/** The summary without the person's identity beyond their tombstone id. */
function jsonOf(result: EraseResult): object {
  if (result.kind !== 'erased' && result.kind !== 'dry_run') return { result: result.kind }
  return { result: result.kind, tombstoneId: result.tombstoneId, rows: result.lines }
}
