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
      /** Members without a linked employee: counted, not assigned. */
      unlinked: number
    }
  | { kind: 'already'; broadcast: BroadcastRecord }
  | { kind: 'refused' }
  | { kind: 'unknown_course'; code: string }
  | { kind: 'due_in_past' }
  | { kind: 'no_members_api'; platform: ChatPlatform }

export interface BroadcastReport {
  broadcast: BroadcastRecord
  course: Course
  total: number
  done: number
  departments: { departmentId: number | null; name: { zh: string; en: string } | null; total: number; done: number; pending: Employee[] }[]
}

export type BroadcastReportResult = { kind: 'report'; report: BroadcastReport } | { kind: 'refused' } | { kind: 'unknown'; id: number }
