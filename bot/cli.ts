// `ladder <command> …`: each command is a file in bot/commands/ exporting `command`,
// listed with its summary in bot/command-table.ts. Only the command being run is
// loaded: `ladder help` loads none.
import { COMMANDS } from './command-table.js'

const names = Object.keys(COMMANDS).sort()

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    console.log('Usage: ladder <command> [options]\n\nCommands:')
    for (const n of names) console.log(`  ${n.padEnd(12)} ${COMMANDS[n]!.summary}`)
    console.log('\nRun `ladder <command> --help` for a command’s options.')
    return 0
  }
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined
  if (!entry) {
    console.error(`ladder: unknown command "${name}". Commands: ${names.join(', ')}`)
    return 2
  }
  const { command } = await entry.load()
  if (args.includes('--help') || args.includes('-h')) {
    console.log(`${command.summary}\n\nUsage: ${command.usage}`)
    return 0
  }
  // Loaded here, not at the top: `help` needs neither zod nor the settings.
  const { ConfigError, loadConfig } = await import('./config.js')
  let config: ReturnType<typeof loadConfig>
  try {
    config = loadConfig()
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message)
      return 2
    }
    throw error
  }
  try {
    return await command.run(args, config)
  } catch (error) {
    // A database that cannot be used (locked, read-only, full, not SQLite…): one line naming the file and the cause.
    const { databaseFailureLine } = await import('../adapters/db/db-errors.js')
    const line = databaseFailureLine(error, config.DATABASE_URL)
    if (!line) throw error
    console.error(line)
    return 1
  }
}

// Not a top-level await: if the command's promise never settles (an operation that can
// never finish), Node would exit with code 13 and nothing said. Say what happened instead.
const finished = main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
    // The command is done (its database closed): leave once what it printed is written, rather than
    // after whatever the runtime still schedules (a full GC, handles closing; 15–200 ms of `ask`).
    process.stdout.write('', () => process.stderr.write('', () => process.exit(code)))
    return true
  },
  (error: unknown) => {
    console.error(error)
    process.exitCode = 1
    return true
  },
)
let isFinished = false
void finished.then(() => {
  isFinished = true
})
process.once('beforeExit', () => {
  if (isFinished) return
  console.error(`ladder ${process.argv[2] ?? ''}: stopped before finishing: an operation never completed (nothing else was left to run)`)
  process.exitCode = 1
})
