import { hostname } from 'node:os'
import { type PlannedMessage, runReminderSweep } from '../../core/app/run-sweep.js'
import { ladderDeps } from '../../core/app/store.js'
import type { ChatPlatform } from '../../core/kernel/messaging.js'
import { hasFeishu, hasSlack, isConsoleEnabled } from '../config.js'
import { withFrugalHeap } from '../heap.js'
import { openCommandRuntime } from '../runtime.js'
import { schedulerOptionsFrom } from '../scheduler.js'
import { type Command, parseArgs } from './command.js'

export const command: Command = {
  summary: 'Run one reminder sweep now: plan reminders and write them to the outbox (the server delivers them)',
  usage: 'ladder sweep [--dry-run] [--at <ISO time>] [--json]',
  async run(args, config) {
    const { flags } = parseArgs(args, ['dry-run', 'json'])
    const at = typeof flags.at === 'string' ? new Date(flags.at) : null
    if (at && Number.isNaN(at.getTime())) {
      console.error(`--at expects an ISO time such as 2026-11-24T09:00:00+08:00, got "${flags.at}"`)
      return 2
    }
    const runtime = await openCommandRuntime(config)
    try {
      const platforms: ChatPlatform[] = [
        ...(hasSlack(config) ? ['slack' as const] : []),
        ...(hasFeishu(config) ? ['feishu' as const] : []),
        ...(isConsoleEnabled(config) ? ['web' as const] : []),
      ]
      const clock = at ? { now: () => at } : runtime.clock
      const { policy, retention, urgentEscalations } = schedulerOptionsFrom(config)
      // The outbox rows a simulated sweep writes carry the simulated time too.
      const deps = ladderDeps({
        store: runtime.store,
        clock,
        log: runtime.log,
        settings: runtime.deps.settings,
        messengers: runtime.deps.messengers,
        // Cards for people (a new hire's welcome) go where the sweep's reminders go.
        platforms,
      })
      // The text lists each message as its batch is written, keeping none (10,000 people's
      // catch-up is ~9,000 lines); --json prints one document, so it keeps them all.
      const result = await withFrugalHeap(() =>
        runReminderSweep(deps, {
          policy,
          platforms,
          holder: `cli:${hostname()}:${process.pid}`,
          dryRun: flags['dry-run'] === true,
          retention,
          urgentEscalations: urgentEscalations === true,
          ...(flags.json ? {} : { onPlanned: (p: PlannedMessage) => console.log(plannedLine(p)) }),
        }),
      )
      if (result.kind === 'busy') {
        console.error('Another Ladder process is sweeping right now (it holds the sweep lease). Try again in a minute.')
        return 1
      }
      if (result.kind === 'lost') {
        console.error(
          `Another Ladder process took the sweep lease over while this sweep was paused; it stopped after ${result.enqueued} message(s) and the other finishes the work.`,
        )
        return 1
      }
      if (flags.json) {
        console.log(JSON.stringify({ ...result, planned: result.planned.map(plannedRecord) }, null, 2))
        return 0
      }
      console.log(
        `${flags['dry-run'] ? 'Dry run: ' : ''}${result.digests} digest(s) planned, ${result.enqueued} written to the outbox, ${result.duplicates} already there, ${result.unreachable.length} person(s) unreachable on ${platforms.join(', ') || 'no platform'}.`,
      )
      if (result.programmes)
        console.log(
          `Programmes: ${result.programmes.activated} stage(s) begun, ${result.programmes.completed} completed, ${result.programmes.tasksCreated} task(s) created.`,
        )
      if (result.pruned)
        console.log(
          `Retention: ${result.pruned.processed_events} processed event(s), ${result.pruned.delivered_outbox} delivered message(s), ${result.pruned.closed_reminder_logs} reminder step(s) of closed tasks and ${result.pruned.audit} audit entr(ies) deleted.`,
        )
      return 0
    } finally {
      await runtime.close()
    }
  },
}

/** A planned message as `--json` lists it. */
const plannedRecord = (p: PlannedMessage) => ({
  to: `${p.message.to.platform}:${p.message.to.tenant}:${p.message.to.id}`,
  at: p.digest.deliverAt.toISOString(),
  kind: p.message.kind,
  items: p.digest.items.map((i) => `${i.role} ${i.task.kind}:${i.task.id} ${i.step}`),
})

function plannedLine(p: PlannedMessage): string {
  const { at, to, kind, items } = plannedRecord(p)
  return `  ${at}  ${to}  ${kind}: ${items.join('; ')}`
}
