import { migrate } from '../../adapters/db/migrate.js'
import type { Command } from './command.js'

export const command: Command = {
  summary: 'Apply pending database migrations',
  usage: 'ladder migrate',
  async run(_args, config) {
    const applied = await migrate(config.DATABASE_URL)
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.')
    return 0
  },
}
