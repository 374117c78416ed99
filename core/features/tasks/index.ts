// A person's open trainings and evaluations, and the reminders that follow
// them up: the policy, the digest card, snoozing.
export { tasksIntents } from './intents.js'
export { type MyTasksResult, myTasks, type TaskItem } from './my-tasks.js'
export { overdueAmong } from './overdue-report.js'
export { historyOf, planReminders, type ReminderPlanner, reminderPlanner } from './plan-reminders.js'
export type { LoggedStep, ReminderRepo, ReminderStore, SweepPage, SweepSnapshot } from './ports.js'
export { type ReminderLine, reminderCard } from './reminder-card.js'
export { snooze } from './snooze.js'
export { confirmationBlocks, itemBlocks, nominationBlocks, toDoSummary } from './tasks-card.js'
export { itemText, overdueCard } from './trainings-card.js'
export type { Digest, PlanTask, TaskKind } from './types.js'
