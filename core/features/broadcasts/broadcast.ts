// HR announces a course to a channel: one card in the channel (Enrol, Done, a
// live "12/40 done" counter), a training assignment for every member who is an
// employee (linked before, or matched by email now and linked), all written in
// one transaction with the card's outbox row.
import type { Actor } from '../../kernel/context.js'
import { isHr } from '../../kernel/context.js'
import { translator } from '../../kernel/i18n/index.js'
import type { ActionReply, InboundAction } from '../../kernel/inbound.js'
import type { ChatPlatform } from '../../kernel/messaging.js'
import { markTrainingDone } from '../gap/index.js'
import { broadcastCard } from './broadcast-card.js'
import { enrolRecipients } from './enrol-recipients.js'
import { matchUnlinkedMembers } from './match-members.js'
import type { BroadcastDeps } from './ports.js'
import type { BroadcastCourseResult, BroadcastReport, BroadcastReportResult } from './types.js'

const broadcastCardKey = (input: { platform: string; tenant: string; channelId: string; courseCode: string; dueAt: Date }): string =>
  `broadcast:${input.platform}:${input.tenant}:${input.channelId}:${input.courseCode}:${input.dueAt.toISOString()}`

export async function broadcastCourse(
  deps: BroadcastDeps,
  actor: Actor,
  input: { platform: ChatPlatform; tenant: string; channelId: string; courseCode: string; dueAt: Date },
): Promise<BroadcastCourseResult> {
  if (!isHr(actor.employee)) return { kind: 'refused' }
  const now = deps.clock.now()
  const course = (await deps.store.catalog.load(now)).courses.find((c) => c.code.toLowerCase() === input.courseCode.trim().toLowerCase())
  if (!course) return { kind: 'unknown_course', code: input.courseCode }
  if (input.dueAt.getTime() <= now.getTime()) return { kind: 'due_in_past' }
  const cardKey = broadcastCardKey({ ...input, courseCode: course.code })
  const earlier = await deps.store.broadcasts.byCardKey(cardKey)
  if (earlier) return { kind: 'already', broadcast: earlier }
  const messenger = deps.messengers.get(input.platform)
  if (!messenger?.channelMembers) return { kind: 'no_members_api', platform: input.platform }

  // The platform call happens before the transaction: a write lock is never held across the network.
  const members = [...new Set(await messenger.channelMembers(input.tenant, input.channelId))]
  const linked = await deps.store.reminders.linkedEmployees(input.platform, input.tenant, members)
  // Members nobody linked yet are matched by the email their platform shows, before anyone is called "not linked".
  const match = await matchUnlinkedMembers(
    deps,
    messenger,
    input,
    members.filter((m) => !linked.has(m)),
  )
  const found = [...linked.values(), ...match.toLink.map((l) => l.employee)]
  const people = [...new Map(found.map((e) => [e.id, e])).values()].sort((a, b) => a.id - b.id)

  return deps.store.transaction(async (tx) => {
    for (const { userId, employee } of match.toLink) {
      await tx.employees.linkIdentity(input.platform, input.tenant, userId, employee.id)
      await tx.audit.record({
        actorId: actor.employee.id,
        actor: `employee:${actor.employee.id}`,
        action: 'identity.link',
        entity: 'ChatIdentity',
        entityId: `${input.platform}:${input.tenant}:${userId}`,
        data: { via: 'broadcast', employee: employee.id },
      })
    }
    const broadcast = await tx.broadcasts.create({
      platform: input.platform,
      tenant: input.tenant,
      channelId: input.channelId,
      courseId: course.id,
      dueAt: input.dueAt,
      createdById: actor.employee.id,
      createdAt: now,
      cardKey,
      memberCount: members.length,
      unlinkedCount: match.unmatched.length,
    })
    // Another run announced the same course to the same channel after the check above.
    if (!broadcast) return already(tx, cardKey)
    // The channel card is the first notice of the new assignments: no direct message repeats it.
    const { recipients, added, done } = await enrolRecipients(
      tx,
      { broadcastId: broadcast.id, people, course, dueAt: input.dueAt, now },
      () => cardKey,
    )
    const card = broadcastCard(
      { broadcastId: broadcast.id, course, dueAt: input.dueAt, done, total: recipients.length, announcer: actor.employee },
      actor.locale,
    )
    await tx.outbox.enqueue(
      {
        idempotencyKey: cardKey,
        kind: 'broadcast',
        to: { platform: input.platform, tenant: input.tenant, kind: 'channel', id: input.channelId },
        card,
        employeeId: null,
        availableAt: now,
      },
      now,
    )
    await tx.audit.record({
      actorId: actor.employee.id,
      actor: `employee:${actor.employee.id}`,
      action: 'broadcast.course',
      entity: 'Broadcast',
      entityId: broadcast.id,
      data: {
        course: course.code,
        platform: input.platform,
        channel: input.channelId,
        members: members.length,
        assigned: recipients.length,
        added,
        linkedNow: match.toLink.length,
        unmatched: match.unmatched.length,
      },
    })
    return {
      kind: 'broadcast',
      broadcast: { ...broadcast, shownDone: done, shownTotal: recipients.length, counterUpdatedAt: now },
      course,
      members: members.length,
      assigned: recipients.length,
      added,
      existing: recipients.length - added,
      unlinked: match.unmatched.length,
      linkedNow: match.toLink.length,
      unmatched: match.unmatched,
    }
  })
}

/**
 * Card updates that a burst of completions turns into one: a broadcast whose
 * count changed gets at most one update per `minIntervalMs`, through the outbox.
 * The denominator is the recipients now: someone enrolled from the card after the
 * announcement changes it, and the card follows. Feishu can only update a card
 * for 14 days, so older broadcasts are left alone.
 */
export async function flushBroadcastCounters(deps: BroadcastDeps, options: { minIntervalMs: number; maxAgeMs?: number }): Promise<number> {
  const now = deps.clock.now()
  const counters = await deps.store.broadcasts.counters(new Date(now.getTime() - (options.maxAgeMs ?? 14 * 86_400_000)))
  let flushed = 0
  for (const { broadcast, total, done, ref } of counters) {
    // A broadcast made before the total was kept (null) follows its completions only.
    const totalChanged = broadcast.shownTotal !== null && total !== broadcast.shownTotal
    if (!ref || (done === broadcast.shownDone && !totalChanged)) continue
    if (broadcast.counterUpdatedAt && now.getTime() - broadcast.counterUpdatedAt.getTime() < options.minIntervalMs) continue
    const [catalog, announcer] = await Promise.all([deps.store.catalog.load(now), deps.store.employees.byId(broadcast.createdById)])
    const course = catalog.courses.find((c) => c.id === broadcast.courseId)
    if (!course || !announcer) continue
    const card = broadcastCard({ broadcastId: broadcast.id, course, dueAt: broadcast.dueAt, done, total, announcer }, announcer.locale)
    const isFlushed = await deps.store.transaction(async (tx) => {
      const marked = await tx.broadcasts.markShown({
        id: broadcast.id,
        expected: broadcast.shownDone,
        shown: done,
        at: now,
        total: { expected: broadcast.shownTotal, shown: total },
      })
      if (!marked) return false
      await tx.outbox.enqueue(
        {
          idempotencyKey: `${broadcast.cardKey}:counter:${done}/${total}@${now.getTime()}`,
          kind: 'card_update',
          to: { platform: broadcast.platform, tenant: broadcast.tenant, kind: 'channel', id: broadcast.channelId },
          card,
          employeeId: null,
          availableAt: now,
          target: ref,
        },
        now,
      )
      return true
    })
    if (isFlushed) flushed++
  }
  return flushed
}

/** Who has not finished, by department (HR only). */
export async function broadcastReport(deps: BroadcastDeps, actor: Actor, broadcastId: number): Promise<BroadcastReportResult> {
  if (!isHr(actor.employee)) return { kind: 'refused' }
  const broadcast = await deps.store.broadcasts.byId(broadcastId)
  if (!broadcast) return { kind: 'unknown', id: broadcastId }
  const now = deps.clock.now()
  const [rows, catalog, people] = await Promise.all([
    deps.store.broadcasts.progress(broadcastId),
    deps.store.catalog.load(now),
    deps.store.employees.allActive(),
  ])
  const course = catalog.courses.find((c) => c.id === broadcast.courseId)
  if (!course) return { kind: 'unknown', id: broadcastId }
  const byId = new Map(people.map((p) => [p.id, p]))
  const departments = new Map<number | null, BroadcastReport['departments'][number]>()
  for (const row of rows) {
    const person = byId.get(row.employeeId)
    if (!person) continue
    const key = person.departmentId
    let d = departments.get(key)
    if (!d) {
      const dept = catalog.departments.find((x) => x.id === key)
      d = { departmentId: key, name: dept ? dept.name : null, total: 0, done: 0, pending: [] }
      departments.set(key, d)
    }
    d.total++
    if (row.status === 'completed') d.done++
    else d.pending.push(person)
  }
  const list = [...departments.values()].sort(
    (a, b) => b.pending.length - a.pending.length || (a.departmentId ?? 0) - (b.departmentId ?? 0),
  )
  const total = list.reduce((n, d) => n + d.total, 0)
  const done = list.reduce((n, d) => n + d.done, 0)
  return { kind: 'report', report: { broadcast, course, total, done, departments: list } }
}

const ENROL_VALUE = /^(.+)@broadcast:(\d{1,12})$/
const DONE_VALUE = /^broadcast:(\d{1,12})$/

/**
 * The broadcast card's buttons: Enrol (`enrol`, value "<course>@broadcast:<id>")
 * and Done (`training_done`, value "broadcast:<id>"). Null for any other action.
 * The channel card is shared, so the reply is a notice, never a replacement card.
 */
export async function broadcastAction(
  deps: BroadcastDeps,
  actor: Actor,
  action: Pick<InboundAction, 'actionId' | 'value'>,
): Promise<ActionReply | null> {
  const match =
    action.actionId === 'enrol'
      ? ENROL_VALUE.exec(action.value)
      : action.actionId === 'training_done'
        ? DONE_VALUE.exec(action.value)
        : null
  if (!match) return null
  const tr = translator(actor.locale)
  const broadcast = await deps.store.broadcasts.byId(Number(match[match.length - 1]))
  if (!broadcast) return { kind: 'notify', notice: { tone: 'error', text: tr('action.invalid') } }
  const now = deps.clock.now()
  const course = (await deps.store.catalog.load(now)).courses.find((c) => c.id === broadcast.courseId)
  if (!course) return { kind: 'notify', notice: { tone: 'error', text: tr('action.invalid') } }
  // Someone who joined the channel after the announcement is enrolled and counted now.
  const assignment = await deps.store.transaction(async (tx) => {
    const { assignment: a } = await tx.progress.enrol({
      employeeId: actor.employee.id,
      courseId: course.id,
      source: 'broadcast',
      dueAt: broadcast.dueAt,
      now,
    })
    await tx.broadcasts.addRecipients(broadcast.id, [{ employeeId: actor.employee.id, assignmentId: a.id }])
    return a
  })
  if (action.actionId === 'enrol')
    return { kind: 'notify', notice: { tone: 'success', text: tr('broadcast.enrolled', { course: course.code }) } }
  if (assignment.status === 'completed')
    return { kind: 'notify', notice: { tone: 'info', text: tr('broadcast.alreadyDone', { course: course.code }) } }
  const result = await markTrainingDone(deps, actor, { assignmentId: assignment.id })
  if (result.kind === 'below_pass_mark')
    return {
      kind: 'notify',
      notice: {
        tone: 'error',
        text: tr('training.belowPassMark', { course: course.code, passMark: result.passMark, score: result.score }),
      },
    }
  // A course that needs verification is only reported: the learner hears what happens next.
  if (result.kind === 'reported')
    return { kind: 'notify', notice: { tone: 'info', text: tr('verify.reported.title', { course: course.code }) } }
  if (result.kind !== 'completed' && result.kind !== 'already_completed')
    return { kind: 'notify', notice: { tone: 'error', text: tr('action.invalid') } }
  return { kind: 'notify', notice: { tone: 'success', text: tr('broadcast.done', { course: course.code }) } }
}

/** The answer to a repeated announcement, from inside the transaction that found the broadcast there. */
export async function already(deps: { broadcasts: Pick<BroadcastDeps['store']['broadcasts'], 'byCardKey'> }, cardKey: string) {
  const broadcast = await deps.broadcasts.byCardKey(cardKey)
  if (!broadcast) throw new Error(`broadcast ${cardKey} was there a moment ago and is gone`)
  return { kind: 'already' as const, broadcast }
}
