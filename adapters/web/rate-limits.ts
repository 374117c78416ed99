// The console has no platform limit: its messages go to in-memory mailboxes. The
// pace only keeps a burst (a broadcast to everyone) from flooding open pages.
import type { PlatformRate } from '../../core/kernel/chat-adapter.js'

export const webRate = (): PlatformRate => ({
  perDestination: { count: 20, intervalMs: 1000 },
  overall: [{ count: 200, intervalMs: 1000 }],
  pauseScope: 'app',
})
