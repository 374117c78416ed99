// HR's training broadcasts: one card in a channel, an assignment per member,
// a live counter, and a completion report. What the rest of Ladder may use.
export { broadcastAction, broadcastCourse, broadcastReport, flushBroadcastCounters } from './broadcast.js'
export { broadcastReportCard, broadcastResultCard } from './broadcast-card.js'

export { broadcastFieldOptions, handleBroadcastForm } from './handle-broadcast-form.js'
export { broadcastIntents } from './intents.js'
export type { BroadcastRecord, BroadcastRepo, BroadcastStore } from './ports.js'
