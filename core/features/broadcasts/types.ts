// What a broadcast use case answers: plain data the cards are drawn from.
import type { Course, Employee } from '../../kernel/domain/types.js'
import type { ChatPlatform } from '../../kernel/messaging.js'
import type { BroadcastRecord } from './ports.js'

export type BroadcastCourseResult =
  | {
      kind: 'broadcast'
      broadcast: BroadcastRecord
      course: Course
      /** Channel members the platform listed. */
      members: number
      /** Linked employees now assigned (new or already). */
      assigned: number
      added: number
      existing: number
      /** Members matched to no active employee (bots left out): counted, not assigned. */
      unlinked: number
      /** Members linked by their email just now. */
      linkedNow: number
      /** Who could not be matched, and why. */
      unmatched: UnmatchedMember[]
    }
  | { kind: 'already'; broadcast: BroadcastRecord }
  | { kind: 'refused' }
  | { kind: 'unknown_course'; code: string }
  | { kind: 'due_in_past' }
  | { kind: 'no_members_api'; platform: ChatPlatform }

/** A channel member Ladder could not match to an active employee. */
export interface UnmatchedMember {
  /** The platform's user id. */
  userId: string
  /** Their name on the platform, when it said. */
  name?: string
  email?: string
  /** no_email: the platform shows none (scope, availability range, a guest without one); lookup_failed: the platform did not answer. */
  reason: 'no_email' | 'lookup_failed' | 'no_employee' | 'inactive'
}

export interface BroadcastReport {
  broadcast: BroadcastRecord
  course: Course
  total: number
  done: number
  departments: { departmentId: number | null; name: { zh: string; en: string } | null; total: number; done: number; pending: Employee[] }[]
}

export type BroadcastReportResult = { kind: 'report'; report: BroadcastReport } | { kind: 'refused' } | { kind: 'unknown'; id: number }
