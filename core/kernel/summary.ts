// What the language model is told about a use-case result: a compact JSON summary
// of the asker's own, already authorised result. Never the raw objects (ids,
// e-mails, manager ids, evidence rows), never more people than the use case chose
// to show. Each feature summarises its own results with these helpers.
import type { Course, Job, Locale } from './domain/types.js'
import { pick } from './domain/types.js'

export type Summary = Record<string, unknown>

/** Whole numbers, as the cards show them: the model should quote what the user sees. */
export const round = (n: number): number => Math.round(n)
export const day = (at: Date | null): string | null => (at ? at.toISOString().slice(0, 10) : null)

export const jobRef = (job: Job, locale: Locale) => ({ code: job.code, title: pick(job.title, locale) })
export const courseRef = (course: Course, locale: Locale) => ({ code: course.code, title: pick(course.title, locale) })
