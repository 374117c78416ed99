// Jobs: versioned job descriptions (purpose, duties, requirements, KPIs), who is
// responsible for a duty, and telling the people in a job when its description changes.
export { announceJobDescriptions } from './announce.js'
export { describeJob, type JobDescription } from './describe-job.js'
export { jobsIntents } from './intents.js'
export { jobDescriptionSections, recurrenceWords } from './job-description-card.js'
export {
  DUTY_EVIDENCE,
  type DutyEvidence,
  JD_SECTIONS,
  type JdSection,
  type JobDescriptionItemRecord,
  type JobDescriptionRecord,
  type JobDescriptionRepo,
  type JobsStore,
} from './ports.js'
