import { createPrismaStore } from '../../adapters/db/store.js'
import { openCommandRuntime } from '../runtime.js'
import { type Command, parseArgs } from './command.js'

export const command: Command = {
  summary: 'See the outbox: counts by status, the dead letters and why (--dead), or send dead ones again (--retry <id>|all)',
  usage: 'ladder outbox [--dead [--limit <n>]] [--retry <id>|all] [--json]',
  async run(args, config) {
    const { flags } = parseArgs(args, ['dead', 'json'])
    const retryAll = flags.retry === 'all'
    const retry = typeof flags.retry === 'string' && !retryAll ? Number(flags.retry) : undefined
    if (flags.retry !== undefined && !retryAll && !Number.isInteger(retry)) {
      console.error(`--retry expects a message id from \`ladder outbox --dead\`, or all, got "${String(flags.retry)}"`)
      return 2
    }
    const limit = typeof flags.limit === 'string' ? Number(flags.limit) : 50
    const runtime = await openCommandRuntime(config)
    try {
      const outbox = createPrismaStore(runtime.db).outbox
      if (retryAll) {
        const n = await outbox.retryAllDead(runtime.clock.now())
        if (flags.json) console.log(JSON.stringify({ requeued: n }))
        else
          console.log(
            n === 0 ? 'No dead letters.' : `${n} dead message(s) queued again, attempts reset; the running server will deliver them.`,
          )
        return 0
      }
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
          const died = m.deadAt ? `died ${m.deadAt.toISOString()}` : `queued ${m.createdAt.toISOString()}`
          console.log(
            `#${m.id}  ${died}  ${m.kind}  to ${to}  after ${m.attempts} attempt(s)\n     why: ${m.lastError ?? 'not recorded'}\n     “${m.card.header?.title ?? m.card.fallback.split('\n')[0]}”`,
          )
        }
        if (dead.length > 0)
          console.log(
            '\nFix the cause (a channel the bot left, a person no longer in the workspace…), then `ladder outbox --retry <id>`; after an outage, `ladder outbox --retry all`.\nReminders that died of an outage are planned again by the next sweep once their platform delivers again.',
          )
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
