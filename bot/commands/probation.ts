import { stringify } from 'csv-stringify/sync'
import { renderText } from '../../adapters/cli/render-text.js'
import {
  PROBATION_COLUMNS,
  type ProbationResult,
  probationCard,
  probationDiagnosis,
  probationDiagnosisFor,
  probationRows,
} from '../../core/features/matrix/index.js'
import { csvCell } from '../../core/kernel/csv-cell.js'
import { openCommandRuntime } from '../runtime.js'
import { type Command, parseArgs, unknownEmployee } from './command.js'

export const command: Command = {
  summary: 'Why a probation review failed: the training chain per dimension and where it broke (text, CSV or JSON)',
  usage: 'ladder probation <employee email> [--dimension <code>] [--format text|csv|json] [--as <email>] [--lang zh-CN|en]',
  async run(args, config) {
    const { flags, positionals } = parseArgs(args)
    const [email] = positionals
    const format = typeof flags.format === 'string' ? flags.format : 'text'
    if (!email || positionals.length > 1 || !['text', 'csv', 'json'].includes(format) || flags.dimension === true) {
      console.error(`Usage: ${this.usage}\nExample: ladder probation zhang.san@probation.example --format csv`)
      return 2
    }
    const dimensionCode = typeof flags.dimension === 'string' ? flags.dimension : undefined
    const as = typeof flags.as === 'string' ? flags.as : undefined
    const runtime = await openCommandRuntime(config)
    try {
      const { deps } = runtime
      if (dimensionCode !== undefined) {
        const catalog = await deps.store.catalog.load(deps.clock.now())
        if (!catalog.dimensions.some((d) => d.code === dimensionCode)) {
          console.error(`Unknown dimension "${dimensionCode}". Dimensions: ${catalog.dimensions.map((d) => d.code).join(', ')}`)
          return 2
        }
      }
      // With --as, the asker's rights apply as in chat; without it, the operator at the database reads anyone's.
      const asker = as ? await runtime.store.employees.byEmail(as) : null
      if (as && !asker) {
        console.error(await unknownEmployee(runtime.store.employees, as))
        return 1
      }
      const lang = flags.lang === 'en' || flags.lang === 'zh-CN' ? flags.lang : (asker?.locale ?? 'zh-CN')
      const options = dimensionCode === undefined ? {} : { dimensionCode }
      let result: ProbationResult
      if (asker) {
        const subject = await runtime.store.employees.byEmail(email)
        result = subject
          ? await probationDiagnosis(deps, { employee: asker, locale: lang }, { subjectId: subject.id, ...options })
          : { kind: 'refused' }
      } else result = await probationDiagnosisFor(deps, { email, ...options })
      const timeZone = asker?.timeZone ?? 'Asia/Shanghai'
      if (result.kind === 'refused' || result.kind === 'unknown_person') {
        console.error(renderText(probationCard(result, lang, timeZone)))
        return 1
      }
      if (format === 'json') console.log(JSON.stringify(probationRows(result, lang), null, 2))
      else if (format === 'csv')
        process.stdout.write(
          stringify(
            probationRows(result, lang).map((row) => PROBATION_COLUMNS.map((c) => csvCell(row[c] ?? ''))),
            { header: true, columns: [...PROBATION_COLUMNS], bom: true },
          ),
        )
      else console.log(renderText(probationCard(result, lang, timeZone)))
      return 0
    } finally {
      await runtime.close()
    }
  },
}
