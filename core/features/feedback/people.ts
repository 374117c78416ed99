import type { Employee } from '../../kernel/domain/types.js'
import type { EmployeeRepo } from '../../kernel/ports.js'

/** The employees with these ids, by id; unknown ids are simply absent. */
export async function peopleById(employees: EmployeeRepo, ids: Iterable<number>): Promise<Map<number, Employee>> {
  const people = new Map<number, Employee>()
  for (const id of new Set(ids)) {
    const e = await employees.byId(id)
    if (e) people.set(id, e)
  }
  return people
}

/** Splits "a@x, b@x\nc@x" into trimmed lower-case addresses, duplicates removed. */
export function parseEmails(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;，；]+/)
        .map((e) => e.trim().toLowerCase())
        .filter(Boolean),
    ),
  ]
}
