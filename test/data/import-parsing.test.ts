import { describe, expect, it } from 'vitest'
import { formatIsoDate, parseIsoDate } from '../../adapters/db/import/dates.js'
import { decodeImportFile } from '../../adapters/db/import/decode.js'
import { entityFromFileName } from '../../adapters/db/import/entities.js'
import { isIanaTimeZone } from '../../adapters/db/import/fields.js'
import { parseFile } from '../../adapters/db/import/parse-file.js'

describe('parseIsoDate', () => {
  it.each([
    ['2026-03-01', '2026-03-01T00:00:00.000Z'],
    ['2026-03-01T09:30:00Z', '2026-03-01T09:30:00.000Z'],
    ['2026-03-01T09:30:00+08:00', '2026-03-01T01:30:00.000Z'],
    ['2026-03-01 09:30', '2026-03-01T09:30:00.000Z'],
    ['2026-03-01T09:30:00.5-0500', '2026-03-01T14:30:00.500Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
  ])('%s → %s', (text, iso) => {
    expect(parseIsoDate(text)?.toISOString()).toBe(iso)
  })

  it.each(['2026-02-29', '2026-13-01', '01/03/2026', '2026-03-01T25:00', 'tomorrow', ''])('rejects %j', (text) => {
    expect(parseIsoDate(text)).toBeNull()
  })

  it('writes midnight UTC as a date and anything else as a full timestamp', () => {
    expect(formatIsoDate(new Date('2026-03-01T00:00:00Z'))).toBe('2026-03-01')
    expect(formatIsoDate(new Date('2026-03-01T00:00:01Z'))).toBe('2026-03-01T00:00:01.000Z')
  })
})

describe('entityFromFileName', () => {
  it.each([
    ['employees.csv', 'employees'],
    ['2026-employees.json', 'employees'],
    ['exports/Q3_training_assignments.csv', 'assignments'],
    ['promotion-paths.csv', 'paths'],
    ['chat_identities.json', 'identities'],
    ['evaluation-tasks-2026.csv', 'evaluations'],
    ['certificates.csv', 'certificates'],
    ['quiz_questions.csv', 'quiz_questions'],
    ['RD-101-quiz.json', 'quiz_questions'],
    ['questions.csv', 'quiz_questions'],
    ['source_weights.csv', 'source_weights'],
    ['standards-weights.csv', 'standards'],
    ['people.csv', null],
    ['jobs-and-courses.csv', null],
  ])('%s → %s', (name, entity) => {
    expect(entityFromFileName(name)).toBe(entity)
  })
})

describe('parseFile on quiz questions', () => {
  it('keeps options in order, as text for CSV and from arrays for JSON', () => {
    const fromCsv = parseFile({
      name: 'quiz.csv',
      content: '\uFEFFcourse_code,position,question_zh,question_en,options_zh,options_en,answer\nC1,1,问,Q," 乙 ; 甲 ",b;a,A\n',
    })
    const fromJson = parseFile({
      name: 'quiz.json',
      content: JSON.stringify([
        {
          course_code: 'C1',
          position: 1,
          question_zh: '问',
          question_en: 'Q',
          options_zh: ['乙', '甲'],
          options_en: ['b', 'a'],
          answer: 'A',
        },
      ]),
    })
    if (!fromCsv.ok || !fromJson.ok) throw new Error('expected both to parse')
    // Quoted spaces stay in the cell; the schema trims each option.
    expect(fromCsv.parsed.rows[0]!.cells.options_zh).toBe(' 乙 ; 甲 ')
    expect(fromJson.parsed.rows[0]!.cells.options_zh).toBe('乙;甲')
  })
})

describe('decodeImportFile', () => {
  // "code,name_zh,name_en\nRND,研发中心,R&D Centre\n" as Excel saves it on a Chinese Windows (GBK).
  const gbk = Buffer.from('636f64652c6e616d655f7a682c6e616d655f656e0a524e442cd1d0b7a2d6d0d0c42c5226442043656e7472650a', 'hex')
  const text = 'code,name_zh,name_en\nRND,研发中心,R&D Centre\n'

  it.each([
    ['UTF-8', Buffer.from(text, 'utf8')],
    ['UTF-8 with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])],
    ['GBK', gbk],
  ])('reads %s', (_, bytes) => {
    const result = parseFile({ name: 'departments.csv', content: decodeImportFile(bytes) })
    if (!result.ok) throw new Error(JSON.stringify(result.errors))
    expect(result.parsed.rows[0]!.cells).toMatchObject({ code: 'RND', name_zh: '研发中心', name_en: 'R&D Centre' })
  })
})

describe('isIanaTimeZone', () => {
  it.each([
    ['Asia/Shanghai', true],
    ['Europe/London', true],
    ['America/Argentina/Buenos_Aires', true],
    ['UTC', true],
    ['Mars/Olympus', false],
    ['+08:00', false],
    ['', false],
  ])('%s → %s', (zone, isValid) => {
    expect(isIanaTimeZone(zone)).toBe(isValid)
  })
})

describe('parseFile', () => {
  it('numbers CSV rows as spreadsheet lines, across quoted newlines and blank lines', () => {
    const result = parseFile({
      name: 'dimensions.csv',
      content: '\uFEFFcode,name_zh,name_en\r\na,甲,"A\r\nmultiline"\r\n\r\nb,乙,B\r\n,,\r\n',
    })
    if (!result.ok) throw new Error(JSON.stringify(result.errors))
    expect(result.parsed.rows.map((r) => [r.row, r.cells.code, r.cells.name_en])).toEqual([
      [2, 'a', 'A\nmultiline'],
      [5, 'b', 'B'],
    ])
  })

  it('reports a row with more cells than the header, and an unreadable CSV', () => {
    const extra = parseFile({ name: 'dimensions.csv', content: 'code,name_zh,name_en\na,甲,A,surplus\n' })
    expect(extra).toEqual({
      ok: false,
      errors: [{ file: 'dimensions.csv', row: 2, column: '(file)', reason: 'more cells than the 3 columns of the header' }],
    })
    const broken = parseFile({ name: 'dimensions.csv', content: 'code,name_zh,name_en\na,"甲,A\n' })
    expect(broken.ok).toBe(false)
  })

  it('reads JSON numbers and arrays as the text a CSV cell would hold', () => {
    const result = parseFile({
      name: 'courses.json',
      content: JSON.stringify([
        { code: 'C1', title_zh: '课', title_en: 'C', format: 'online', duration_minutes: 90, dimension_codes: ['a', 'b'], pass_mark: null },
      ]),
    })
    if (!result.ok) throw new Error(JSON.stringify(result.errors))
    expect(result.parsed.rows[0]!.cells).toMatchObject({ code: 'C1', duration_minutes: '90', dimension_codes: 'a;b', pass_mark: '' })
    expect(result.parsed.rows[0]!.row).toBe('item 1')
  })
})
