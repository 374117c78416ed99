// `ladder audit`: the audit log, newest first — HR's (with --as) or the operator's
// at the database's own machine, like `ladder programme status`.
import { type AuditLine, readAuditLog } from '../../core/features/privacy/index.js'
import { openCommandRuntime } from '../runtime.js'
import { type Command, parseArgs, unknownEmployee } from './command.js'

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/
const USAGE = `ladder audit [--who <email>] [--since <YYYY-MM-DD>] [--action <prefix>] [--limit N] [--as <hr email>] [--json]

  --who     entries the person acted in, or that are about them as an employee
  --since   from that day on (midnight in the reader's time zone)
  --action  actions starting with this, e.g. training. or person.erase
  --limit   at most N entries (default 50, at most 10000)
  Times are shown in the reader's time zone (--as), else UTC.`

export const command: Command = {
  summary: 'Read the audit log, newest first: who did what, when (HR with --as, or the operator)',
  usage: USAGE,
  async run(args, config) {
    const { flags } = parseArgs(args, ['json'])
    const limit = flags.limit === undefined ? 50 : Number(flags.limit)
    if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) {
      console.error(`--limit expects a whole number from 1 to 10000.\nUsage: ${USAGE}`)
      return 2
    }
    if (flags.since !== undefined && (typeof flags.since !== 'string' || !DATE_ONLY.test(flags.since))) {
      console.error(`--since expects a date such as 2026-12-01.\nUsage: ${USAGE}`)
      return 2
    }
    for (const name of ['who', 'action', 'as'])
      if (flags[name] === true) {
        console.error(`--${name} needs a value.\nUsage: ${USAGE}`)
        return 2
      }
    const runtime = await openCommandRuntime(config)
    try {
      const { store } = runtime
      const reader = typeof flags.as === 'string' ? await store.employees.byEmail(flags.as) : null
      if (typeof flags.as === 'string' && reader?.status !== 'active') {
        console.error(await unknownEmployee(store.employees, flags.as))
        return 1
      }
      const timeZone = reader?.timeZone ?? 'UTC'
      const locale = reader?.locale ?? 'en'
      const since = typeof flags.since === 'string' ? midnight(flags.since, timeZone) : undefined
      const result = await readAuditLog(runtime.deps, reader ? { employee: reader, locale } : null, {
        limit,
        locale,
        ...(typeof flags.who === 'string' ? { who: flags.who } : {}),
        ...(since ? { since } : {}),
        ...(typeof flags.action === 'string' ? { actionPrefix: flags.action } : {}),
      })
      if (result.kind === 'refused') {
        console.error('Refused: only HR may read the audit log (the --as employee is not HR).')
        return 1
      }
      if (result.kind === 'unknown_person') {
        console.error(`--who: no employee has the email "${result.email}".`)
        return 1
      }
      if (flags.json) {
        console.log(JSON.stringify(result.entries.map(jsonOf), null, 2))
        return 0
      }
      if (result.entries.length === 0) {
        console.log('No audit entries match.')
        return 0
      }
      console.log(table(result.entries, timeZone))
      return 0
    } finally {
      await runtime.close()
    }
  },
}

const jsonOf = (e: AuditLine) => ({
  id: e.id,
  at: e.at.toISOString(),
  actorId: e.actorId,
  actor: e.actorName,
  action: e.action,
  entity: e.entity,
  entityId: e.entityId,
  data: e.data === null ? null : (JSON.parse(e.data) as unknown),
})

/** "2026-12-02 18:05" in the reader's zone. */
function localTime(at: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  )
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`
}

/** The UTC instant of midnight that day in the zone. */
function midnight(day: string, timeZone: string): Date {
  const utc = new Date(`${day}T00:00:00Z`)
  const shown = new Date(`${localTime(utc, timeZone).replace(' ', 'T')}:00Z`)
  return new Date(utc.getTime() - (shown.getTime() - utc.getTime()))
}

function table(entries: readonly AuditLine[], timeZone: string): string {
  const header = [`time (${timeZone})`, 'actor', 'action', 'entity', 'data']
  const rows = entries.map((e) => [
    localTime(e.at, timeZone),
    e.actorName,
    e.action,
    e.entityId === null ? e.entity : `${e.entity} ${e.entityId}`,
    e.data ?? '',
  ])
  const widths = header.map((h, i) => Math.min(40, Math.max(h.length, ...rows.map((r) => [...r[i]!].length))))
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd()
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')
}
