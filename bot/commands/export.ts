import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { openDb } from '../../adapters/db/client.js'
import { exportAll } from '../../adapters/db/export.js'
import { migrate } from '../../adapters/db/migrate.js'
import { type Command, parseArgs } from './command.js'

export const command: Command = {
  summary: 'Export every entity as import files (CSV or JSON)',
  usage: `ladder export --out <dir> [--format csv|json]

  Writes one file per entity (departments.csv … evaluations.csv), sorted by natural
  key: the same database always gives the same bytes, and \`ladder import\` reads them back.`,
  async run(args, config) {
    const { flags } = parseArgs(args)
    const out = flags.out
    if (typeof out !== 'string') {
      console.error('ladder export: --out <dir> is required')
      return 2
    }
    const format = flags.format ?? 'csv'
    if (format !== 'csv' && format !== 'json') {
      console.error('ladder export: --format must be csv or json')
      return 2
    }
    await migrate(config.DATABASE_URL)
    const db = await openDb(config.DATABASE_URL)
    try {
      const files = await exportAll(db, format)
      await mkdir(out, { recursive: true })
      for (const file of files) await writeFile(join(out, file.name), file.content, 'utf8')
      console.log(`Wrote ${files.length} files to ${out}: ${files.map((f) => f.name).join(', ')}`)
      return 0
    } finally {
      await db.$disconnect()
    }
  },
}
