// The part every broadcast shares, inside its transaction: each person enrolled in
// the course (or their existing assignment kept), recorded as the broadcast's
// recipients, and the new assignments marked as noticed by the card that carries
// them, so no reminder repeats it; the counter starts at what the card first shows.
import type { Course, Employee } from '../../kernel/domain/types.js'
import type { BroadcastStore } from './ports.js'

export interface EnrolledRecipients {
  recipients: { employeeId: number; assignmentId: number }[]
  /** Assignments this broadcast created. */
  added: number
  /** Recipients whose assignment is already completed. */
  done: number
}

export async function enrolRecipients(
  tx: BroadcastStore,
  input: { broadcastId: number; people: readonly Employee[]; course: Course; dueAt: Date; now: Date },
  /** The outbox key of the card that tells this person. */
  noticeKey: (employeeId: number) => string,
): Promise<EnrolledRecipients> {
  const { broadcastId, course, dueAt, now } = input
  const recipients: EnrolledRecipients['recipients'] = []
  const noticed = new Set<number>()
  let done = 0
  for (const person of input.people) {
    const { assignment, isNew } = await tx.progress.enrol({ employeeId: person.id, courseId: course.id, source: 'broadcast', dueAt, now })
    recipients.push({ employeeId: person.id, assignmentId: assignment.id })
    if (isNew) noticed.add(assignment.id)
    if (assignment.status === 'completed') done++
  }
  await tx.broadcasts.addRecipients(broadcastId, recipients)
  await tx.reminders.record(
    recipients
      .filter((r) => noticed.has(r.assignmentId))
      .map((r) => ({
        taskKind: 'training' as const,
        taskId: r.assignmentId,
        step: 'assigned',
        recipientId: r.employeeId,
        at: now,
        outboxKey: noticeKey(r.employeeId),
      })),
  )
  await tx.broadcasts.markShown({ id: broadcastId, expected: 0, shown: done, at: now, total: { expected: null, shown: recipients.length } })
  return { recipients, added: noticed.size, done }
}
