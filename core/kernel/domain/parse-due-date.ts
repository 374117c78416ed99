// A due date said in chat: "by Friday", "next Friday", "下周五前", "12月20日前",
// "Dec 20", "2026-12-20", "tomorrow", "明天". Pure: the local calendar day of
// `now` in the reader's time zone in, a local calendar day out (or null when
// the text names no date, or names one that does not exist).
import { addLocalDays, localParts } from './zoned-time.js'

export interface LocalDay {
  year: number
  month: number
  day: number
}

const EN_WEEKDAYS: Record<string, number> = {
  mon: 1,
  monday: 1,
  tue: 2,
  tues: 2,
  tuesday: 2,
  wed: 3,
  wednesday: 3,
  thu: 4,
  thur: 4,
  thurs: 4,
  thursday: 4,
  fri: 5,
  friday: 5,
  sat: 6,
  saturday: 6,
  sun: 7,
  sunday: 7,
}
const ZH_WEEKDAYS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 }
const EN_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

const ISO = /(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/
const ZH_MONTH_DAY = /(?:(\d{4})年)?(\d{1,2})月(\d{1,2})[日号]/
const EN_MONTH_DAY = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s*(\d{4}))?/i
const EN_DAY_MONTH = /\b(\d{1,2})(?:st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b(?:\s+(\d{4}))?/i
const ZH_WEEKDAY = /(下下|下|本|这|这个|下个)?(?:周|星期|礼拜)([一二三四五六日天])/
// Full names anywhere; the short forms ("Fri") only after a word that makes them a date ("by Fri"), not a name ("Sun Li").
const EN_WEEKDAY =
  /\b(?:(?:by|on|before|until|till|due)\s+)?(?:(next|this|coming)\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|\b(?:by|on|before|until|till|due|next|this)\s+(?:(next|this)\s+)?(mon|tues?|wed|thur?s?|fri|sat|sun)\b/i
const IN_DAYS = /\bin\s+(\d{1,3})\s+(day|week)s?\b|(\d{1,3})\s*(天|周|个星期|星期)(?:内|之内|以内|后)/i

const plain = ({ year, month, day }: LocalDay): LocalDay => ({ year, month, day })

function real(year: number, month: number, day: number): LocalDay | null {
  const d = new Date(Date.UTC(year, month - 1, day))
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? { year, month, day } : null
}

/** A month and day without a year: this year's, or next year's when this year's has passed. */
function upcoming(today: LocalDay, month: number, day: number, year?: number): LocalDay | null {
  if (year !== undefined) return real(year, month, day)
  const thisYear = real(today.year, month, day)
  if (!thisYear) return month === 2 && day === 29 ? real(today.year + 1, month, day) : null
  const isPast = month < today.month || (month === today.month && day < today.day)
  return isPast ? real(today.year + 1, month, day) : thisYear
}

/** The weekday's date: "Friday" is the next one after today; "next Friday" is in next week, "this Friday" in this one. */
function weekday(today: LocalDay & { weekday: number }, wanted: number, week: 'coming' | 'this' | 'next' | 'after_next'): LocalDay {
  const monday = addLocalDays(today, 1 - today.weekday)
  if (week === 'coming') {
    const ahead = (wanted - today.weekday + 7) % 7 || 7
    return plain(addLocalDays(today, ahead))
  }
  const weeks = week === 'this' ? 0 : week === 'next' ? 1 : 2
  return plain(addLocalDays(monday, weeks * 7 + wanted - 1))
}

export function parseDueDate(text: string, now: Date, timeZone: string): LocalDay | null {
  const today = localParts(now, timeZone)
  let m = ISO.exec(text)
  if (m) return real(Number(m[1]), Number(m[2]), Number(m[3]))
  m = ZH_MONTH_DAY.exec(text)
  if (m) return upcoming(today, Number(m[2]), Number(m[3]), m[1] ? Number(m[1]) : undefined)
  m = EN_MONTH_DAY.exec(text)
  if (m) return upcoming(today, EN_MONTHS.indexOf(m[1]!.toLowerCase()) + 1, Number(m[2]), m[3] ? Number(m[3]) : undefined)
  m = EN_DAY_MONTH.exec(text)
  if (m) return upcoming(today, EN_MONTHS.indexOf(m[2]!.toLowerCase()) + 1, Number(m[1]), m[3] ? Number(m[3]) : undefined)
  m = ZH_WEEKDAY.exec(text)
  if (m) {
    const prefix = m[1] ?? ''
    const week = prefix === '下下' ? 'after_next' : prefix.startsWith('下') ? 'next' : prefix ? 'this' : 'coming'
    return weekday(today, ZH_WEEKDAYS[m[2]!]!, week)
  }
  m = EN_WEEKDAY.exec(text)
  if (m) {
    const prefix = (m[1] ?? m[3] ?? (/^next\b/i.test(m[0]) ? 'next' : /^this\b/i.test(m[0]) ? 'this' : ''))?.toLowerCase()
    const week = prefix === 'next' ? 'next' : prefix === 'this' ? 'this' : 'coming'
    return weekday(today, EN_WEEKDAYS[(m[2] ?? m[4])!.toLowerCase()]!, week)
  }
  m = IN_DAYS.exec(text)
  if (m) {
    const n = Number(m[1] ?? m[3])
    const unit = m[2] ?? m[4]
    return plain(addLocalDays(today, unit === 'day' || unit === '天' ? n : n * 7))
  }
  if (/\btomorrow\b|明天/i.test(text)) return plain(addLocalDays(today, 1))
  if (/后天/.test(text)) return plain(addLocalDays(today, 2))
  if (/\btoday\b|今天/i.test(text)) return plain(today)
  return null
}
