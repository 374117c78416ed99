// Onboarding: a new hire's plan (courses from a template per job, department or
// everyone), their welcome with the job description, their manager's notice, and
// the progress both follow.
export { onboardingIntents } from './intents.js'
export type { OnboardingRecord, OnboardingRepo, OnboardingStore } from './ports.js'
export { startOnboardings, welcomeOnLink } from './start-onboardings.js'
