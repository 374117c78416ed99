import { readFile } from 'node:fs/promises'
import { type Db, openDb } from '../../adapters/db/client.js'
import { describeErrors, ENTITIES, formatImportError, formatSummary, type ImportFile, importFiles } from '../../adapters/db/import/index.js'
import { migrate } from '../../adapters/db/migrate.js'
import { createPrismaStore } from '../../adapters/db/store.js'
import { ladderDeps } from '../../core/app/store.js'
import { afterImport, describeAfterImport } from '../after-import.js'
import { type Config, enabledPlatforms } from '../config.js'
import { createLogger } from '../logger.js'
import { type Command, parseArgs } from './command.js'

export const command: Command = {
  summary: 'Import HR data (CSV or JSON): org, jobs, standards, courses, people, assessments…',
  usage: `ladder import <file...> [--dry-run] [--type <entity>]

  Each file holds one entity, told by its name (employees.csv, 2026-employees.json)
  or by --type. Entities: ${ENTITIES.join(', ')}.
  Files are applied together in dependency order, all or nothing; see docs/import-format.md.
  --dry-run   validate and show what would change, write nothing`,
  async run(args, config) {
    const { flags, positionals } = parseArgs(args, ['dry-run'])
    if (positionals.length === 0) {
      console.error('ladder import: name at least one file. Usage: ladder import <file...> [--dry-run] [--type <entity>]')
      return 2
    }
    const type = typeof flags.type === 'string' ? flags.type : undefined
    if (flags.type === true || (type && !(ENTITIES as readonly string[]).includes(type))) {
      console.error(`ladder import: --type must be one of ${ENTITIES.join(', ')}`)
      return 2
    }
    const files: ImportFile[] = []
    for (const path of positionals) {
      try {
        files.push({ name: path, content: await readFile(path), ...(type ? { type } : {}) })
      } catch (error) {
        console.error(`ladder import: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
        return 1
      }
    }
    await migrate(config.DATABASE_URL)
    const db = await openDb(config.DATABASE_URL)
    try {
      const isDryRun = flags['dry-run'] === true
      const result = await importFiles(db, files, { dryRun: isDryRun, now: new Date() })
      if (!result.ok) {
        for (const error of result.errors) console.error(formatImportError(error))
        console.error(describeErrors(result.errors))
        return 1
      }
      console.log(formatSummary(result.counts, isDryRun))
      if (!isDryRun) for (const line of describeAfterImport(await afterImport(importDeps(db, config), result.counts))) console.log(line)
      return 0
    } finally {
      await db.$disconnect()
    }
  },
}

/** The CLI's deps for afterImport: no messengers (the cards wait in the outbox for the server's worker). */
function importDeps(db: Db, config: Config) {
  return ladderDeps({
    store: createPrismaStore(db),
    clock: { now: () => new Date() },
    log: createLogger({ LOG_LEVEL: 'warn' }, process.stderr),
    settings: { workingHours: config.WORKING_HOURS, holidays: config.HOLIDAYS, onboardingWindowDays: config.ONBOARDING_WINDOW_DAYS },
    platforms: enabledPlatforms(config),
  })
}
