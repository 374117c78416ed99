import { openDb } from '../../adapters/db/client.js'
import { isEmpty, seedDemo } from '../../adapters/db/demo/index.js'
import { migrate } from '../../adapters/db/migrate.js'
import { type Command, parseArgs } from './command.js'

export const command: Command = {
  summary: 'Seed the bilingual demo organisation (an empty database only, unless --force)',
  usage: `ladder seed-demo [--force]

  Creates the demo company of docs/demo-people.md: departments, jobs, standards,
  courses, 36 people, their assessments, trainings and evaluations (dated from today).
  --force   also on a database that already has employees: demo rows are upserted`,
  async run(args, config) {
    const { flags } = parseArgs(args, ['force'])
    await migrate(config.DATABASE_URL)
    const db = await openDb(config.DATABASE_URL)
    try {
      if (!(await isEmpty(db)) && flags.force !== true) {
        console.error(
          'ladder seed-demo: the database already has employees; refusing to mix the demo into it. Use --force to upsert the demo rows anyway.',
        )
        return 1
      }
      const { employees } = await seedDemo(db, new Date())
      console.log(`Demo organisation seeded: ${employees} employees. Who to try: docs/demo-people.md`)
      return 0
    } finally {
      await db.$disconnect()
    }
  },
}
