import type { Course, Locale } from './domain/types.js'
import { pick } from './domain/types.js'
import { hasMessage, type Translate } from './i18n/index.js'

/** Percentages are shown as whole numbers; the engine keeps them exact. */
export const pct = (n: number): string => `${Math.round(n)}%`

/** Building an Intl.DateTimeFormat costs ~50 µs and memory; a sweep formats thousands of dates. */
const dateFormats = new Map<string, Intl.DateTimeFormat>()

export function formatDate(at: Date, locale: Locale, timeZone: string): string {
  const key = `${locale}|${timeZone}`
  let format = dateFormats.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', year: 'numeric', timeZone })
    dateFormats.set(key, format)
  }
  return format.format(at)
}

const timeFormats = new Map<string, Intl.DateTimeFormat>()

/** A time of day on the 24-hour clock in the reader's zone, e.g. "18:00". */
export function formatTime(at: Date, locale: Locale, timeZone: string): string {
  const key = `${locale}|${timeZone}`
  let format = timeFormats.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone })
    timeFormats.set(key, format)
  }
  return format.format(at)
}

export function formatDuration(minutes: number, tr: Translate): string {
  if (minutes < 60) return tr('format.minutes', { n: minutes })
  const hours = Math.round((minutes / 60) * 10) / 10
  return tr('format.hours', { n: hours })
}

/** "RD-101 R&D Project Management (online, 2 h)" */
export function courseLine(course: Course, locale: Locale, tr: Translate): string {
  const format = tr(`format.course.${course.format}` as const)
  return `${course.code} ${pick(course.title, locale)} (${format}, ${formatDuration(course.durationMinutes, tr)})`
}

/**
 * A career track by name in the reader's language ("R&D", "研发"), never its code.
 * A code the catalogue does not name is shown as words ("customer_service" →
 * "Customer service"): the import has no track names, and a bare code reads as a bug.
 */
export function trackName(track: string, tr: Translate): string {
  const key = `track.${track.toLowerCase()}`
  if (hasMessage(key)) return tr(key)
  const words = track.replace(/[_-]+/g, ' ').trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}
