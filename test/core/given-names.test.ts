import { describe, expect, it } from 'vitest'
import type { Employee } from '../../core/kernel/domain/types.js'
import { givenNameMentions } from '../../core/kernel/routing/find-person.js'

const person = (id: number, name: string, nameEn: string | null): Employee => ({
  id,
  email: `p${id}@t.test`,
  name,
  nameEn,
  locale: 'en',
  timeZone: 'UTC',
  departmentId: null,
  jobId: null,
  managerId: null,
  hireDate: null,
  roles: ['employee'],
  status: 'active',
})
const team = [person(1, '陈亚历', 'Alex Chen'), person(2, '王詹姆', 'James Wang'), person(3, '张伟', 'Zhang Wei'), person(4, '汤姆', 'Tom')]

describe('givenNameMentions: a manager naming one of their people by given name', () => {
  const cases: [text: string, ids: number[]][] = [
    ['recommend a course for Alex', [1]],
    ["what are James's tasks", [2]],
    ['Alex and James both need RD-101', [1, 2]],
    ['alex needs a course', []], // lower case: a word, not a name
    ['Alexander needs a course', []], // part of a longer word
    ['Tom finished RT-102', []], // a one-word English name is a full name, found elsewhere
    ['Zhang needs a course', [3]],
    ['what did I miss tomorrow', []],
  ]
  it.each(cases)('%j → %j', (text, ids) => expect(givenNameMentions(text, team, 99).map((m) => m.employee.id)).toEqual(ids))
  it('never returns the asker', () => expect(givenNameMentions('Alex asks about Alex', team, 1)).toEqual([]))
})
