// `ladder backup --out <file>`: a consistent copy of the running SQLite database,
// taken with SQLite's backup API while the server keeps writing (adapters/db/backup.ts).
import { BackupError, backupDatabase } from '../../adapters/db/backup.js'
import { isPostgresUrl, POSTGRES_BACKUP } from '../../adapters/db/migrate.js'
import { type Command, parseArgs } from './command.js'

const USAGE = `ladder backup --out <file>

  Copies the database (DATABASE_URL) into <file> while Ladder keeps running, checks
  the copy (integrity, migrations) and prints what it holds. The key that seals
  anonymous 360 answers (FEEDBACK_SEAL_KEY_FILE) is not in it: back that up apart.`

export const command: Command = {
  summary: 'Take a consistent backup of the running SQLite database into a file (safe while the server writes)',
  usage: USAGE,
  async run(args, config) {
    if (isPostgresUrl(config.DATABASE_URL)) {
      console.error(POSTGRES_BACKUP)
      return 2
    }
    const { flags } = parseArgs(args)
    if (typeof flags.out !== 'string' || flags.out.trim() === '') {
      console.error(`--out <file> is required.\nUsage: ${USAGE}`)
      return 2
    }
    const started = performance.now()
    try {
      const facts = await backupDatabase(config.DATABASE_URL, flags.out)
      const seconds = ((performance.now() - started) / 1000).toFixed(1)
      console.log(
        `Backup written to ${facts.path} in ${seconds} s: ${(facts.bytes / 1024 / 1024).toFixed(1)} MB, integrity ok, ` +
          `${facts.migrations.length} migrations, ${facts.employees} employees, ${facts.outboxPending} messages waiting to be sent.`,
      )
      return 0
    } catch (error) {
      if (!(error instanceof BackupError)) throw error
      console.error(error.message)
      return 1
    }
  },
}
