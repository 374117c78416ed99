// The person picker's list: a demo convenience, grouped by the role that
// matters most in the console (HR sees HR questions, managers their team).
import type { Bilingual, Employee, Role } from '../../core/kernel/domain/types.js'
import type { Store } from '../../core/kernel/ports.js'

export type PickerRole = Extract<Role, 'employee' | 'manager' | 'hr'>

export interface ConsolePerson {
  email: string
  name: string
  nameEn: string | null
  role: PickerRole
  job: Bilingual | null
  department: Bilingual | null
  locale: Employee['locale']
  /** Cards in their console inbox not yet read. */
  unread: number
}

const ROLE_ORDER: PickerRole[] = ['employee', 'manager', 'hr']

export const pickerRole = (e: Pick<Employee, 'roles'>): PickerRole =>
  e.roles.includes('hr') ? 'hr' : e.roles.includes('manager') ? 'manager' : 'employee'

/** Active people, employees first, then managers, then HR; at most `limit` (a large import is not a picker). */
export async function listPeople(store: Store, now: Date, limit = 300): Promise<{ people: ConsolePerson[]; more: number }> {
  const [employees, catalog, unread] = await Promise.all([
    store.employees.allActive(),
    store.catalog.load(now),
    store.outbox.consoleUnread(),
  ])
  const jobs = new Map(catalog.jobs.map((j) => [j.id, j.title]))
  const departments = new Map(catalog.departments.map((d) => [d.id, d.name]))
  const people = employees
    .map(
      (e): ConsolePerson => ({
        email: e.email,
        name: e.name,
        nameEn: e.nameEn,
        role: pickerRole(e),
        job: e.jobId === null ? null : (jobs.get(e.jobId) ?? null),
        department: e.departmentId === null ? null : (departments.get(e.departmentId) ?? null),
        locale: e.locale,
        unread: unread.get(e.email.trim().toLowerCase()) ?? 0,
      }),
    )
    .sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.email.localeCompare(b.email))
  return { people: people.slice(0, limit), more: Math.max(0, people.length - limit) }
}
