// What HR's broadcasts keep: the broadcast, its recipients and the counter
// shown on the channel card. adapters/db/reminder-store.ts implements it.
import type { Deps } from '../../kernel/context.js'
import type { AssignmentStatus } from '../../kernel/domain/types.js'
import type { ChatPlatform, MessageRef } from '../../kernel/messaging.js'
import type { ReminderStore } from '../tasks/index.js'

export interface BroadcastRecord {
  id: number
  platform: ChatPlatform
  tenant: string
  channelId: string
  courseId: number
  dueAt: Date
  createdById: number
  createdAt: Date
  cardKey: string
  memberCount: number
  unlinkedCount: number
  shownDone: number
  /** Recipients the card shows; null for a broadcast made before it was kept. */
  shownTotal: number | null
  counterUpdatedAt: Date | null
}

export interface BroadcastProgressRow {
  employeeId: number
  assignmentId: number
  status: AssignmentStatus
}

export interface BroadcastCounter {
  broadcast: BroadcastRecord
  total: number
  done: number
  /** The channel card's platform reference, once it was sent. */
  ref: MessageRef | null
}

export interface BroadcastRepo {
  byId(id: number): Promise<BroadcastRecord | null>
  byCardKey(cardKey: string): Promise<BroadcastRecord | null>
  /** The latest broadcasts, newest first. */
  recent(limit: number): Promise<BroadcastRecord[]>
  /**
   * Null when a broadcast with this cardKey exists already: a concurrent run (another
   * process, a second click) created it after this one checked.
   */
  create(input: Omit<BroadcastRecord, 'id' | 'shownDone' | 'shownTotal' | 'counterUpdatedAt'>): Promise<BroadcastRecord | null>
  /** Adds recipients; one already there is kept. */
  addRecipients(broadcastId: number, rows: readonly { employeeId: number; assignmentId: number }[]): Promise<void>
  progress(broadcastId: number): Promise<BroadcastProgressRow[]>
  /** Completion counts of broadcasts created since `since` (cards older than that cannot be updated anyway). */
  counters(since: Date): Promise<BroadcastCounter[]>
  /**
   * Moves the shown counter from `expected` to `shown` completions (and, given `total`, the shown
   * recipients from `total.expected` to `total.shown`); false when another process did first.
   */
  markShown(input: {
    id: number
    expected: number
    shown: number
    at: Date
    total?: { expected: number | null; shown: number }
  }): Promise<boolean>
}

/** Broadcasts record their reminder steps too (the card sent is the first reminder). */
export interface BroadcastStore extends ReminderStore {
  broadcasts: BroadcastRepo
}

export type BroadcastDeps = Deps<BroadcastStore>
