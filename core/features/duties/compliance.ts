// "职责履行情况": per person and duty, the check-ins owed over a period, done on
// time, late, missed, and the share on time. A manager sees their reports, HR
// everyone, anyone else themselves; a question about someone they may not see is
// refused.
import { subjectFor } from '../../kernel/access.js'
import { makeCard } from '../../kernel/cards/build.js'
import type { Block, Card } from '../../kernel/cards/card.js'
import { type Actor, displayName, isHr, isManager } from '../../kernel/context.js'
import { type Bilingual, type Employee, type Locale, pick } from '../../kernel/domain/types.js'
import { addLocalDays, isoDate } from '../../kernel/domain/zoned-time.js'
import { translator } from '../../kernel/i18n/index.js'
import type { IntentRequest } from '../../kernel/intent-spec.js'
import { localTime } from '../../kernel/working-time.js'
import type { DutiesDeps } from './ports.js'
import type { CheckInRecord, CheckInView } from './types.js'

export interface ComplianceRow {
  employeeId: number
  dutyCode: string
  duty: Bilingual
  /** Check-ins counted: on time + late + missed (open ones not yet due are pending, not owed yet). */
  owed: number
  onTime: number
  late: number
  missed: number
  pending: number
  /** onTime / owed, 0–100 rounded; null when nothing was owed yet. */
  sharePercent: number | null
}

type Outcome = 'onTime' | 'late' | 'missed' | 'pending'

/** How one check-in counts at `now`. Pure. */
function outcomeOf(c: Pick<CheckInRecord, 'status' | 'dueAt' | 'submittedAt'>, now: Date): Outcome {
  if (c.status === 'done') return c.submittedAt && c.submittedAt.getTime() <= c.dueAt.getTime() ? 'onTime' : 'late'
  if (c.status === 'missed') return 'missed'
  return c.dueAt.getTime() < now.getTime() ? 'missed' : 'pending'
}

const share = (onTime: number, owed: number): number | null => (owed === 0 ? null : Math.round((onTime / owed) * 100))

/** Rows per person and duty (by person id, then duty code), and the totals. Pure. */
export function complianceRows(views: readonly CheckInView[], now: Date): { rows: ComplianceRow[]; total: ComplianceRow } {
  const byKey = new Map<string, ComplianceRow>()
  const total: ComplianceRow = {
    employeeId: 0,
    dutyCode: '',
    duty: { zh: '', en: '' },
    owed: 0,
    onTime: 0,
    late: 0,
    missed: 0,
    pending: 0,
    sharePercent: null,
  }
  for (const { checkIn, text } of views) {
    const key = `${checkIn.employeeId}\u0000${checkIn.dutyCode}`
    let row = byKey.get(key)
    if (!row) {
      row = {
        employeeId: checkIn.employeeId,
        dutyCode: checkIn.dutyCode,
        duty: text,
        owed: 0,
        onTime: 0,
        late: 0,
        missed: 0,
        pending: 0,
        sharePercent: null,
      }
      byKey.set(key, row)
    }
    const outcome = outcomeOf(checkIn, now)
    for (const r of [row, total]) {
      r[outcome]++
      if (outcome !== 'pending') r.owed++
    }
  }
  const rows = [...byKey.values()].sort((a, b) => a.employeeId - b.employeeId || a.dutyCode.localeCompare(b.dutyCode))
  for (const r of [...rows, total]) r.sharePercent = share(r.onTime, r.owed)
  return { rows, total }
}

export interface Period {
  /** ISO dates, inclusive. */
  from: string
  to: string
}

/**
 * The period a question names, in the asker's zone: "本月 / this month", "上月 / last month",
 * "本周 / this week", "上周 / last week"; else the last 30 days. Pure.
 */
export function periodOf(text: string | undefined, now: Date, timeZone: string): Period {
  const t = (text ?? '').toLowerCase()
  const today = localTime(now, timeZone)
  const iso = isoDate
  if (/本月|这个月|this month/.test(t)) return { from: iso({ ...today, day: 1 }), to: iso(today) }
  if (/上个?月|last month/.test(t)) {
    const lastOfPrev = addLocalDays({ ...today, day: 1 }, -1)
    return { from: iso({ ...lastOfPrev, day: 1 }), to: iso(lastOfPrev) }
  }
  if (/本周|这周|这个星期|this week/.test(t)) return { from: iso(addLocalDays(today, 1 - today.weekday)), to: iso(today) }
  if (/上周|上个?星期|上个?礼拜|last week/.test(t)) {
    const monday = addLocalDays(today, 1 - today.weekday - 7)
    return { from: iso(monday), to: iso(addLocalDays(monday, 6)) }
  }
  return { from: iso(addLocalDays(today, -29)), to: iso(today) }
}

export type ComplianceResult =
  | { kind: 'refused' }
  | {
      kind: 'report'
      period: Period
      people: Employee[]
      rows: ComplianceRow[]
      total: ComplianceRow
    }

/** Whose check-ins the asker sees: a named person they may see, else HR everyone, a manager their reports, anyone else themselves. */
async function scopeOf(deps: DutiesDeps, actor: Actor, subjectId: number | undefined): Promise<Employee[] | null> {
  const me = actor.employee
  if (subjectId !== undefined && subjectId !== me.id) {
    const seen = await subjectFor(deps.store.employees, me, subjectId)
    return seen ? [seen.subject] : null
  }
  if (isHr(me)) return deps.store.employees.allActive()
  if (isManager(me)) {
    const reports = await deps.store.employees.reportsOf(me.id)
    return reports.length > 0 ? reports : [me]
  }
  return [me]
}

/** Duty words in the question ("每日盘点") narrow the rows to the duties whose text has them. */
function mentionedDuties(rows: readonly ComplianceRow[], text: string | undefined): Set<string> | null {
  const t = (text ?? '').toLowerCase()
  if (!t) return null
  const codes = new Set<string>()
  for (const r of rows) {
    const names = [r.duty.zh, r.duty.en.toLowerCase()].filter((n) => n.length >= 2)
    if (names.some((n) => t.includes(n) || n.includes(t)) || contained(r.duty.zh, t)) codes.add(r.dutyCode)
  }
  return codes.size > 0 ? codes : null
}

/** Four or more Chinese characters of the duty's text appear together in the question (“每日盘点” in “每日零件盘点”'s question). */
function contained(dutyZh: string, question: string): boolean {
  for (let i = 0; i + 4 <= question.length; i++) {
    const piece = question.slice(i, i + 4)
    if (/^[\u4e00-\u9fff]{4}$/.test(piece) && dutyZh.includes(piece)) return true
  }
  return false
}

export async function dutyCompliance(
  deps: DutiesDeps,
  actor: Actor,
  request: Pick<IntentRequest, 'subjectId' | 'text'>,
): Promise<ComplianceResult> {
  const people = await scopeOf(deps, actor, request.subjectId)
  if (!people) return { kind: 'refused' }
  const now = deps.clock.now()
  const period = periodOf(request.text, now, actor.employee.timeZone)
  const views = await deps.store.duties.checkInsOf(
    people.map((p) => p.id),
    period.from,
    period.to,
  )
  const all = complianceRows(views, now)
  const only = mentionedDuties(all.rows, request.text)
  const { rows, total } = only
    ? complianceRows(
        views.filter((v) => only.has(v.checkIn.dutyCode)),
        now,
      )
    : all
  return { kind: 'report', period, people, rows, total }
}

const MAX_ROWS = 30

export function complianceCard(result: ComplianceResult, locale: Locale): Card {
  const tr = translator(locale)
  if (result.kind === 'refused') return makeCard(locale, undefined, [{ type: 'text', text: tr('access.refused') }])
  const title = tr('duties.compliance.title')
  const pct = (n: number | null) => (n === null ? '—' : `${n}%`)
  if (result.rows.length === 0)
    return makeCard(locale, { title, subtitle: `${result.period.from} – ${result.period.to}`, tone: 'info' }, [
      { type: 'text', text: tr('duties.compliance.none') },
    ])
  const names = new Map(result.people.map((p) => [p.id, displayName(p, locale)]))
  const blocks: Block[] = [
    {
      type: 'table',
      columns: [
        tr('duties.compliance.col.person'),
        tr('duties.compliance.col.duty'),
        tr('duties.compliance.col.owed'),
        tr('duties.compliance.col.onTime'),
        tr('duties.compliance.col.late'),
        tr('duties.compliance.col.missed'),
        tr('duties.compliance.col.share'),
      ],
      rows: result.rows
        .slice(0, MAX_ROWS)
        .map((r) => [
          names.get(r.employeeId) ?? String(r.employeeId),
          pick(r.duty, locale),
          String(r.owed),
          String(r.onTime),
          String(r.late),
          String(r.missed),
          pct(r.sharePercent),
        ]),
    },
  ]
  if (result.rows.length > MAX_ROWS)
    blocks.push({ type: 'context', text: tr('duties.compliance.more', { n: result.rows.length - MAX_ROWS }) })
  if (result.total.pending > 0) blocks.push({ type: 'context', text: tr('duties.compliance.pending', { n: result.total.pending }) })
  const low = result.total.sharePercent !== null && result.total.sharePercent < 80
  return makeCard(
    locale,
    {
      title,
      subtitle: tr('duties.compliance.subtitle', { from: result.period.from, to: result.period.to, share: pct(result.total.sharePercent) }),
      tone: low ? 'warning' : 'info',
    },
    blocks,
  )
}
