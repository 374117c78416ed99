// A person's open trainings and evaluations, and the reminders that follow
// them up: the policy, the digest card, snoozing.
export { chooseDestination } from './destinations.js'
export { myTasks, type MyTasksResult, type TaskItem } from './my-tasks.js'
export { historyOf, planReminders } from './plan-reminders.js'
export type { LoggedStep,  ReminderRepo, ReminderStore, SweepSnapshot } from './ports.js'
export { reminderCard, type ReminderLine } from './reminder-card.js'
export { snooze } from './snooze.js'
export { itemBlocks,  } from './tasks-card.js'
export type { Digest, HistoryEntry, PlanTask, TaskKind } from './types.js'
export { tasksIntents } from './intents.js'
