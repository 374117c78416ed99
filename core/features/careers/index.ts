// Careers: the paths open from a person's job and what a job is about.
export { careersIntents } from './intents.js'
