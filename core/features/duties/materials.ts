// Who owes a missing course material: its provider employee, else the head of its
// provider department, else HR. Pure.
import type { Employee } from '../../kernel/domain/types.js'
import type { MaterialRecord } from './types.js'

type Person = Pick<Employee, 'id' | 'departmentId' | 'managerId' | 'roles' | 'status'>

/**
 * The head of a department: an active manager in it whose own manager is not in it
 * (lowest id first), else any active manager there; null when it has none.
 */
function departmentHead(departmentId: number, people: readonly Person[]): number | null {
  const byId = new Map(people.map((p) => [p.id, p]))
  const managers = people
    .filter((p) => p.status === 'active' && p.departmentId === departmentId && p.roles.includes('manager'))
    .sort((a, b) => a.id - b.id)
  const top = managers.find((m) => m.managerId === null || byId.get(m.managerId)?.departmentId !== departmentId)
  return (top ?? managers[0])?.id ?? null
}

/** The first active HR person (lowest id): who owes a material nobody else is named for. */
function hrFallback(people: readonly Person[]): number | null {
  let best: number | null = null
  for (const p of people) if (p.status === 'active' && p.roles.includes('hr') && (best === null || p.id < best)) best = p.id
  return best
}

/** The employee a missing material is a task for; null when there is nobody (no provider, no head, no HR). */
export function materialProvider(
  material: Pick<MaterialRecord, 'providerEmployeeId' | 'providerDepartmentId'>,
  people: readonly Person[],
): number | null {
  if (material.providerEmployeeId !== null) {
    const named = people.find((p) => p.id === material.providerEmployeeId)
    if (named && named.status === 'active') return named.id
  }
  if (material.providerDepartmentId !== null) {
    const head = departmentHead(material.providerDepartmentId, people)
    if (head !== null) return head
  }
  return hrFallback(people)
}
