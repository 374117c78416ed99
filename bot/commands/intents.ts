import { INTENT_NAMES } from '../../core/app/intents.js'
import type { Command } from './command.js'

export const command: Command = {
  summary: 'List the intent names Ladder understands (a public contract)',
  usage: 'ladder intents',
  async run() {
    for (const name of INTENT_NAMES) console.log(name)
    return 0
  },
}
