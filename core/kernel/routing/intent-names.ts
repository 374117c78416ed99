// Intent names are a public contract: the CLI prints them and outside tools depend on them.
export const INTENT_NAMES = [
  'promotion_gap',
  'job_requirements',
  'my_tasks',
  'recommend_training',
  'enrol',
  'training_done',
  'team_overview',
  'who_is_ready',
  'broadcast',
  'broadcast_report',
  'launch_360',
  'help',
  'unknown',
] as const
export type IntentName = (typeof INTENT_NAMES)[number]
