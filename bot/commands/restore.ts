// `ladder restore <file>`: checks a backup and, with --yes, puts it in place of the
// database (the current one is kept beside it) and applies this build's migrations.
import { BackupError, inspectBackup, restoreDatabase } from '../../adapters/db/backup.js'
import { isPostgresUrl, POSTGRES_BACKUP, sqlitePath } from '../../adapters/db/migrate.js'
import { type Command, parseArgs } from './command.js'

const USAGE = `ladder restore <backup file> [--yes]

  Without --yes: checks the backup (a Ladder SQLite database, intact, not from a newer
  version) and says what a restore would do. With --yes: stop Ladder first; the current
  database is renamed to <db>.before-restore-<time> (never deleted), the backup is put
  in its place and brought up to date with \`ladder migrate\`'s migrations.`

export const command: Command = {
  summary: 'Check a backup file and restore it in place of the database (the current one is kept aside)',
  usage: USAGE,
  async run(args, config) {
    if (isPostgresUrl(config.DATABASE_URL)) {
      console.error(POSTGRES_BACKUP)
      return 2
    }
    const { flags, positionals } = parseArgs(args, ['yes'])
    const file = positionals[0]
    if (file === undefined || positionals.length > 1) {
      console.error(`Give one backup file.\nUsage: ${USAGE}`)
      return 2
    }
    try {
      const facts = inspectBackup(file)
      const holds = `${facts.employees} employees, ${facts.migrations.length} migrations${facts.pending.length ? ` (${facts.pending.length} to apply)` : ''}`
      if (flags.yes !== true) {
        console.log(`${file} is a good backup: integrity ok, ${holds}.`)
        console.log(
          `Restoring it replaces ${sqlitePath(config.DATABASE_URL)} (kept as a .before-restore copy). Stop Ladder, then run again with --yes.`,
        )
        return 0
      }
      const result = restoreDatabase(config.DATABASE_URL, file)
      console.log(`Restored ${file} (${holds}).`)
      if (result.keptAs) console.log(`The database it replaced is kept as ${result.keptAs}.`)
      if (result.applied.length) console.log(`Applied: ${result.applied.join(', ')}`)
      return 0
    } catch (error) {
      if (!(error instanceof BackupError)) throw error
      console.error(error.message)
      return 1
    }
  },
}
