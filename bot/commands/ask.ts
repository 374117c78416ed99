import { renderText } from '../../adapters/cli/render-text.js'
import { openCommandRuntime } from '../runtime.js'
import { type Command, parseArgs, unknownEmployee } from './command.js'

export const command: Command = {
  summary: 'Ask Ladder a question as an employee, without any chat platform',
  usage: 'ladder ask --as <email> "<question>" [--json]',
  async run(args, config) {
    const { flags, positionals } = parseArgs(args, ['json'])
    const email = typeof flags.as === 'string' ? flags.as : undefined
    const question = positionals.join(' ').trim()
    if (!email || !question) {
      console.error(`Usage: ${this.usage}\nExample: ladder ask --as li.lei@demo.ladder "我晋升还差什么?"`)
      return 2
    }
    // Logs go to stderr so stdout stays the answer (and valid JSON with --json).
    const runtime = await openCommandRuntime(config)
    try {
      if (!(await runtime.store.employees.byEmail(email))) {
        console.error(await unknownEmployee(runtime.store.employees, email, ' Try one from docs/demo-people.md, e.g. li.lei@demo.ladder.'))
        return 1
      }
      const reply = await runtime.core.handleMessage({ sender: { platform: 'cli', tenant: 'local', userId: email }, text: question })
      if (!reply) return 1
      if (flags.json) console.log(JSON.stringify({ intent: reply.intent, text: reply.card.fallback, card: reply.card }, null, 2))
      else console.log(renderText(reply.card))
      return 0
    } finally {
      await runtime.close()
    }
  },
}
