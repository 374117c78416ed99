import type { Course, Locale } from './domain/types.js'
import { pick } from './domain/types.js'
import { hasMessage, type Translate } from './i18n/index.js'
import { kept } from './kept.js'

/** Percentages are shown as whole numbers; the engine keeps them exact. */
export const pct = (n: number): string => `${Math.round(n)}%`

/**
 * A formatter for dates in the reader's language and zone, one Intl.DateTimeFormat kept per
 * language and zone (building one costs ~50 µs and memory) and the texts it made per instant
 * (up to 4,096 each: a sweep formats the same few due dates tens of thousands of times).
 */
function zonedFormat(options: Intl.DateTimeFormatOptions): (at: Date, locale: Locale, timeZone: string) => string {
  // Keyed by language, then zone: no key string is built per call.
  const formats = new Map<Locale, Map<string, (ms: number) => string>>()
  return (at, locale, timeZone) => {
    let zones = formats.get(locale)
    if (!zones) {
      zones = new Map()
      formats.set(locale, zones)
    }
    let texts = zones.get(timeZone)
    if (!texts) {
      const format = new Intl.DateTimeFormat(locale, { ...options, timeZone })
      texts = kept((ms: number) => format.format(ms))
      zones.set(timeZone, texts)
    }
    return texts(at.getTime())
  }
}

/** A date in the reader's zone, e.g. "Dec 3, 2026" / "2026年12月3日". */
export const formatDate = zonedFormat({ month: 'short', day: 'numeric', year: 'numeric' })

/** A time of day on the 24-hour clock in the reader's zone, e.g. "18:00". */
export const formatTime = zonedFormat({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })

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
