// `ladder help` prints bot/command-table.ts without loading any command: the table
// must name exactly the files in bot/commands/, wire each name to its own file, and
// repeat each command's summary word for word.
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { COMMANDS } from '../../bot/command-table.js'
import type { Command } from '../../bot/commands/command.js'

const dir = join(import.meta.dirname, '..', '..', 'bot', 'commands')
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'command.ts')
  .map((f) => f.slice(0, -'.ts'.length))
  .sort()

describe('the command table', () => {
  it('lists every file in bot/commands/, and nothing else', () => {
    expect(files.length).toBeGreaterThan(5)
    expect(Object.keys(COMMANDS).sort()).toEqual(files)
  })

  it.each(files)('%s: loads its own file and repeats its summary', { timeout: 30_000 }, async (name) => {
    const entry = COMMANDS[name]!
    const own = ((await import(join(dir, `${name}.ts`))) as { command: Command }).command
    const loaded = (await entry.load()).command
    expect(loaded).toBe(own)
    expect(entry.summary).toBe(own.summary)
  })
})
