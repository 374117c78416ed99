// Careers: the paths open from a person's job and what a job is about.

export { jobDescriptionCard } from './careers-card.js'
export { careersIntents } from './intents.js'
export { type JobDescriptionResult, jobDescription } from './job-description.js'
