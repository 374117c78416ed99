import { readFileSync } from 'node:fs'
import { stringify } from 'csv-stringify/sync'
import { renderText } from '../../adapters/cli/render-text.js'
import {
  programmeRecordRows,
  programmeRecords,
  programmeRecordsCard,
  programmeStartedCard,
  programmeStatus,
  programmeStatusCard,
  programmeStatusFor,
  RECORD_COLUMNS,
  startProgramme,
} from '../../core/features/programmes/index.js'
import { csvCell } from '../../core/kernel/csv-cell.js'
import { zonedTime } from '../../core/kernel/domain/zoned-time.js'
import { openCommandRuntime } from '../runtime.js'
import { type Command, parseArgs, unknownEmployee } from './command.js'

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/

export const command: Command = {
  summary: "Start a programme from a template for participants (as HR), see completion per stage, or export the participants' records",
  usage:
    'ladder programme start --template <file.json> --participants <email,email,…> --as <hr email> [--start <YYYY-MM-DD>]\n       ladder programme status [--id <programme id>] [--as <hr email>] [--json]\n       ladder programme export <programme id or code> --as <hr email> [--csv|--json] [--lang zh-CN|en]',
  async run(args, config) {
    const { flags, positionals } = parseArgs(args, ['json', 'csv'])
    const [action, ref] = positionals
    if (action !== 'start' && action !== 'status' && action !== 'export') {
      console.error(
        `Usage: ${this.usage}\nExample: ladder programme start --template examples/programmes/reserve-cadre.json --participants li.lei@demo.ladder --as wang.fang@demo.ladder`,
      )
      return 2
    }
    const email = typeof flags.as === 'string' ? flags.as : undefined
    const runtime = await openCommandRuntime(config)
    try {
      const actorEmployee = email ? await runtime.store.employees.byEmail(email) : null
      if (email && !actorEmployee) {
        console.error(await unknownEmployee(runtime.store.employees, email))
        return 1
      }
      // A 360 stage that begins now sends its rater cards through the outbox (the server delivers them).
      const { deps } = runtime
      const locale = actorEmployee?.locale ?? 'en'
      const timeZone = actorEmployee?.timeZone ?? 'Asia/Shanghai'

      if (action === 'export') {
        // The records carry 360 results: HR's to read, so the export asks who is reading, like the chat does.
        if (!actorEmployee || !ref) {
          console.error(`Usage: ${this.usage}`)
          return 2
        }
        const lang = flags.lang === 'en' || flags.lang === 'zh-CN' ? flags.lang : locale
        const result = await programmeRecords(
          deps,
          { employee: actorEmployee, locale: lang },
          { programme: /^\d+$/.test(ref) ? Number(ref) : ref },
        )
        if (result.kind !== 'records') {
          console.error(renderText(programmeRecordsCard(result, lang, timeZone)))
          return 1
        }
        if (flags.json) console.log(JSON.stringify(result, null, 2))
        else if (flags.csv)
          process.stdout.write(
            stringify(
              programmeRecordRows(result, lang).map((row) => row.map(csvCell)),
              { header: true, columns: [...RECORD_COLUMNS], bom: true },
            ),
          )
        else console.log(renderText(programmeRecordsCard(result, lang, timeZone)))
        return 0
      }

      if (action === 'status') {
        const id = typeof flags.id === 'string' ? Number(flags.id) : undefined
        if (id !== undefined && !Number.isInteger(id)) {
          console.error(`--id expects a programme number, got "${String(flags.id)}"`)
          return 2
        }
        const options = id === undefined ? {} : { programmeId: id }
        // Without --as this is the operator at the database's own machine, like `ladder outbox`.
        const result = actorEmployee
          ? await programmeStatus(deps, { employee: actorEmployee, locale }, options)
          : await programmeStatusFor(deps, options)
        if (flags.json) console.log(JSON.stringify(result, null, 2))
        else console.log(renderText(programmeStatusCard(result, locale, timeZone)))
        return result.kind === 'status' ? 0 : 1
      }

      const templatePath = typeof flags.template === 'string' ? flags.template : undefined
      const participants = typeof flags.participants === 'string' ? flags.participants.split(',') : []
      if (!actorEmployee || !templatePath || participants.length === 0) {
        console.error(`Usage: ${this.usage}`)
        return 2
      }
      let template: unknown
      try {
        template = JSON.parse(readFileSync(templatePath, 'utf8'))
      } catch (error) {
        console.error(`Cannot read the template ${templatePath}: ${error instanceof Error ? error.message : String(error)}`)
        return 1
      }
      const start = typeof flags.start === 'string' ? DATE_ONLY.exec(flags.start) : null
      if (flags.start !== undefined && !start) {
        console.error(`--start expects a date such as 2026-12-01, got "${String(flags.start)}"`)
        return 2
      }
      // A start date means 09:00 that day where HR is.
      const startAt = start ? zonedTime(Number(start[1]), Number(start[2]), Number(start[3]), 9, 0, timeZone) : undefined
      const result = await startProgramme(
        deps,
        { employee: actorEmployee, locale },
        { template, participantEmails: participants, ...(startAt ? { startAt } : {}) },
      )
      const text = renderText(programmeStartedCard(result, locale))
      if (result.kind !== 'started') {
        console.error(text)
        return 1
      }
      console.log(text)
      return 0
    } finally {
      await runtime.close()
    }
  },
}
