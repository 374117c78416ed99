// The broadcast form's course field with more courses than a select holds: the
// first 100 listed (a pre-selected one always among them) and the field marked
// searchable, so Slack searches them all; with fewer, a plain select as before.
import { describe, expect, it } from 'vitest'
import { broadcastForm } from '../../core/features/broadcasts/broadcast-card.js'
import type { FormField } from '../../core/kernel/cards/card.js'
import type { Course } from '../../core/kernel/domain/types.js'

const course = (i: number): Course => ({
  id: i,
  code: `PX-${String(i).padStart(3, '0')}`,
  title: { zh: `课程 ${i}`, en: `Course ${i}` },
  format: 'online',
  durationMinutes: 30,
  url: null,
  passMark: null,
  verification: 'none',
  certificateCode: null,
  quizSize: 0,
  dimensionIds: [],
  audienceTracks: [],
})
const courses = (n: number) => Array.from({ length: n }, (_, i) => course(i + 1))
const courseField = (field: FormField | undefined) => (field?.type === 'select' ? field : null)

describe('the broadcast form’s course field', () => {
  it('is a plain select of every course when there are at most 100', () => {
    const field = courseField(broadcastForm('en', courses(100)).fields[0])
    expect(field?.options).toHaveLength(100)
    expect(field).not.toHaveProperty('searchable')
  })

  it('is searchable past 100, listing the first 100 with a pre-selected course among them', () => {
    const field = courseField(broadcastForm('en', courses(150), { courseCode: 'PX-140' }).fields[0])
    expect(field).toMatchObject({ searchable: true, initial: 'PX-140' })
    expect(field?.options).toHaveLength(100)
    expect(field?.options[0]).toEqual({ label: 'PX-140 Course 140', value: 'PX-140' })
  })
})
