// `ladder <command> …`: each command is a file in bot/commands/ exporting `command`.
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Command } from './commands/command.js'
import { ConfigError, loadConfig } from './config.js'

const dir = join(dirname(fileURLToPath(import.meta.url)), 'commands')
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'command.ts')
  .map((f) => f.slice(0, -3))
  .sort()

async function load(name: string): Promise<Command> {
  return ((await import(join(dir, `${name}.ts`))) as { command: Command }).command
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    console.log('Usage: ladder <command> [options]\n\nCommands:')
    for (const n of names) console.log(`  ${n.padEnd(12)} ${(await load(n)).summary}`)
    console.log('\nRun `ladder <command> --help` for a command’s options.')
    return 0
  }
  if (!names.includes(name)) {
    console.error(`ladder: unknown command "${name}". Commands: ${names.join(', ')}`)
    return 2
  }
  const command = await load(name)
  if (args.includes('--help') || args.includes('-h')) {
    console.log(`${command.summary}\n\nUsage: ${command.usage}`)
    return 0
  }
  try {
    return await command.run(args, loadConfig())
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message)
      return 2
    }
    throw error
  }
}

process.exitCode = await main(process.argv.slice(2))
