import { stringify } from 'csv-stringify/sync'
import { renderText } from '../../adapters/cli/render-text.js'
import { itemText, overdueAmong, overdueCard } from '../../core/features/tasks/index.js'
import { displayName } from '../../core/kernel/context.js'
import { csvCell } from '../../core/kernel/csv-cell.js'
import { type Locale, pick } from '../../core/kernel/domain/types.js'
import { translator } from '../../core/kernel/i18n/index.js'
import { openCommandRuntime } from '../runtime.js'
import { type Command, EMPTY_DATABASE, parseArgs } from './command.js'

export const command: Command = {
  summary: 'Overdue trainings and evaluations across the company, by department (--csv for a spreadsheet)',
  usage: 'ladder overdue [--csv] [--lang zh-CN|en]',
  async run(args, config) {
    const { flags } = parseArgs(args, ['csv'])
    const locale: Locale = flags.lang === 'en' ? 'en' : 'zh-CN'
    if (flags.lang !== undefined && flags.lang !== 'en' && flags.lang !== 'zh-CN') {
      console.error(`--lang takes zh-CN or en.\nUsage: ${this.usage}`)
      return 2
    }
    const runtime = await openCommandRuntime(config)
    try {
      const people = await runtime.store.employees.allActive()
      if (people.length === 0) {
        console.error(EMPTY_DATABASE)
        return 1
      }
      const report = await overdueAmong(runtime.deps, people, 'company')
      if (!flags.csv) {
        console.log(renderText(overdueCard(report, locale, 'UTC')))
        return 0
      }
      const tr = translator(locale)
      const rows = report.groups.flatMap((group) =>
        group.items.map((item) => [
          group.department?.code ?? '',
          group.department ? pick(group.department.name, locale) : tr('overdue.noDepartment'),
          item.employee.email,
          displayName(item.employee, locale),
          item.kind,
          item.kind === 'training' ? item.course.code : item.evaluationKind,
          itemText(item, locale, tr).replace(/^\S+\s/, ''),
          item.dueAt.toISOString(),
        ]),
      )
      const columns = ['department_code', 'department', 'email', 'name', 'kind', 'code', 'what', 'due_at']
      process.stdout.write(
        stringify(
          rows.map((r) => r.map(csvCell)),
          { header: true, columns, bom: true },
        ),
      )
      return 0
    } finally {
      await runtime.close()
    }
  },
}
