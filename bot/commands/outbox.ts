import { createPrismaStore } from '../../adapters/db/store.js'
import { createLogger } from '../logger.js'
import { openRuntime } from '../runtime.js'
import { type Command, parseArgs } from './command.js'

export const command: Command = {
  summary: 'See the outbox: counts by status, the dead letters (--dead), or send a dead one again (--retry <id>)',
  usage: 'ladder outbox [--dead [--limit <n>]] [--retry <id>] [--json]',
  async run(args, config) {
    const { flags } = parseArgs(args, ['dead', 'json'])
    const retry = typeof flags.retry === 'string' ? Number(flags.retry) : undefined
    if (flags.retry !== undefined && !Number.isInteger(retry)) {
      console.error(`--retry expects a message id from \`ladder outbox --dead\`, got "${String(flags.retry)}"`)
      return 2
    }
    const limit = typeof flags.limit === 'string' ? Number(flags.limit) : 50
    const runtime = await openRuntime(config, { log: createLogger({ LOG_LEVEL: 'warn' }, process.stderr) })
    try {
      const outbox = createPrismaStore(runtime.db).outbox
      if (retry !== undefined) {
        if (!(await outbox.retryDead(retry, runtime.clock.now()))) {
          console.error(`Message ${retry} is not in the dead-letter list (see \`ladder outbox --dead\`).`)
          return 1
        }
        console.log(`Message ${retry} is queued again; the running server will deliver it.`)
        return 0
      }
      if (flags.dead) {
        const dead = await outbox.listDead(Number.isInteger(limit) && limit > 0 ? limit : 50)
        if (flags.json) {
          console.log(
            JSON.stringify(
              dead.map(({ card, ...rest }) => ({ ...rest, text: card.fallback })),
              null,
              2,
            ),
          )
          return 0
        }
        if (dead.length === 0) console.log('No dead letters.')
        for (const m of dead) {
          const to = `${m.to.platform}:${m.to.tenant}:${m.to.kind === 'channel' ? '#' : '@'}${m.to.id}`
          console.log(
            `#${m.id}  ${m.createdAt.toISOString()}  ${m.kind}  to ${to}  after ${m.attempts} attempt(s)\n     ${m.lastError ?? ''}\n     “${m.card.header?.title ?? m.card.fallback.split('\n')[0]}”`,
          )
        }
        if (dead.length > 0)
          console.log('\nFix the cause (a channel the bot left, a person no longer in the workspace…), then `ladder outbox --retry <id>`.')
        return 0
      }
      const counts = await outbox.countByStatus()
      if (flags.json) console.log(JSON.stringify(counts))
      else
        console.log(
          `pending ${counts.pending} · sending ${counts.sending} · sent ${counts.sent} · dead ${counts.dead} · expired ${counts.expired}`,
        )
      return 0
    } finally {
      await runtime.close()
    }
  },
}
