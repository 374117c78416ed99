import { describe, expect, it } from 'vitest'
import { formatIsoDate, parseIsoDate } from '../../adapters/db/import/dates.js'
import { decodeImportFile } from '../../adapters/db/import/decode.js'
import { entityFromFileName } from '../../adapters/db/import/entities.js'
import { isIanaTimeZone } from '../../adapters/db/import/fields.js'
import { parseFile } from '../../adapters/db/import/parse-file.js'
import { encodeGb18030, encodeGbk, encodeUtf16 } from '../support/encode-text.js'

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
  // 一 (U+4E00) puts a NUL on the "wrong" side of UTF-16; 𠮷 needs four bytes in GB18030 and a surrogate pair in UTF-16.
  const text = 'code,name_zh,name_en\nRND,研发中心,R&D Centre\nONE,一部·𠮷,One\n'
  const tsv = text.replaceAll(',', '\t').replaceAll('\n', '\r\n')

  it.each([
    ['UTF-8', Buffer.from(text, 'utf8'), text],
    ['UTF-8 with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), text],
    ['GBK', gbk, 'code,name_zh,name_en\nRND,研发中心,R&D Centre\n'],
    ['GB18030', encodeGb18030(text), text],
    ['GB18030 with its BOM', encodeGb18030(`\uFEFF${text}`), text],
    ["UTF-16LE with a BOM, tab-separated (Excel's Unicode text)", encodeUtf16(tsv, 'LE', true), tsv],
    ['UTF-16BE with a BOM', encodeUtf16(text, 'BE', true), text],
    ['UTF-16LE without a BOM', encodeUtf16(text, 'LE', false), text],
    ['UTF-16BE without a BOM', encodeUtf16(text, 'BE', false), text],
    [
      'UTF-8 with only Latin letters beyond ASCII',
      Buffer.from('code,name_zh,name_en\nRND,José Müller,Zoë\n'),
      'code,name_zh,name_en\nRND,José Müller,Zoë\n',
    ],
  ])('reads %s', (_, bytes, expected) => {
    const decoded = decodeImportFile(bytes)
    expect(decoded.ok && decoded.text.replace(/^\uFEFF/, '')).toBe(expected)
    const result = parseFile({ name: 'departments.csv', content: bytes })
    if (!result.ok) throw new Error(JSON.stringify(result.errors))
    expect(result.parsed.rows[0]!.cells.code).toBe('RND')
    expect(Object.keys(result.parsed.rows[0]!.cells)).toEqual(['code', 'name_zh', 'name_en', 'parent_code'])
  })

  const SAVE_AS = 'save it as "CSV UTF-8" in Excel'
  it.each([
    ['GBK with a byte no encoding explains', Buffer.concat([gbk, Buffer.from([0xff, 0x0a])]), 'is not UTF-8, GB18030/GBK or UTF-16 text'],
    [
      'a UTF-8 BOM over GBK bytes',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), gbk]),
      'starts with a UTF-8 byte-order mark but is not valid UTF-8',
    ],
    ['UTF-16LE cut off in the middle of a character', encodeUtf16(text, 'LE', true).subarray(0, 41), 'not valid UTF-16LE'],
    ['UTF-16LE with a lone surrogate', encodeUtf16('code\n\uD842x\n', 'LE', true), 'not valid UTF-16LE'],
    ['NUL bytes that are not UTF-16', Buffer.from('code\0\0\0,name\n', 'latin1'), 'holds NUL bytes but is not UTF-16 text'],
    ['a control character', Buffer.from('code,name_zh\nA,\u0001x\n', 'utf8'), 'line 2 holds the control or private-use character U+0001'],
    [
      'GBK that is also valid UTF-8 (谢伟 are the bytes of "лΰ")',
      encodeGbk('email,name\nxie.wei@example.com,谢伟\n'),
      'the file could be UTF-8 ("лΰ") or GBK ("谢伟"), which Ladder cannot tell apart',
    ],
    [
      'a private-use character (GBK user area)',
      Buffer.from('636f64650a0a41aaa10a', 'hex'),
      'read as GB18030, line 3 holds the control or private-use character U+E000',
    ],
  ])('refuses %s, naming the reason', (_, bytes, reason) => {
    const decoded = decodeImportFile(bytes)
    if (decoded.ok) throw new Error(`decoded as ${decoded.encoding}: ${JSON.stringify(decoded.text)}`)
    expect(decoded.reason).toContain(reason)
    expect(decoded.reason).toContain(SAVE_AS)
    const result = parseFile({ name: 'departments.csv', content: bytes })
    expect(result).toEqual({
      ok: false,
      errors: [{ file: 'departments.csv', row: 1, column: '(file)', reason: `cannot be read: ${decoded.reason}` }],
    })
  })
})

describe('parseFile separators', () => {
  it('reads a semicolon-separated file (European Excel) like a comma-separated one, lists quoted', () => {
    const result = parseFile({ name: 'employees.csv', content: 'email;name;roles\r\nann@x.com;安;"employee;manager"\r\n' })
    if (!result.ok) throw new Error(JSON.stringify(result.errors))
    expect(result.parsed.rows[0]!.cells).toMatchObject({ email: 'ann@x.com', name: '安', roles: 'employee;manager' })
  })

  it('names the row, the counts and the separator of a row with too many cells, and keeps the other rows', () => {
    const result = parseFile({ name: 'dimensions.csv', content: 'code;name_zh;name_en\na;甲;A\nb;乙;B;surplus\nc;丙;C\n' })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.errors).toEqual([
      {
        file: 'dimensions.csv',
        row: 3,
        column: '(file)',
        reason:
          'this row has 4 cells, more than the 3 columns of the header (the file is separated by semicolons); quote a cell that holds the separator',
      },
    ])
    expect(result.parsed?.rows.map((r) => [r.row, r.cells.code, r.isUnreadable ?? false])).toEqual([
      [2, 'a', false],
      [3, 'b', true],
      [4, 'c', false],
    ])
  })

  it('names a row separated by semicolons in a comma-separated file', () => {
    const result = parseFile({ name: 'dimensions.csv', content: 'code,name_zh,name_en\na,甲,A\nb;乙;B\n' })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.errors).toEqual([
      {
        file: 'dimensions.csv',
        row: 3,
        column: '(file)',
        reason: 'this row has 1 cell but the header 3 columns: the row is separated by semicolons, the header by commas',
      },
    ])
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
    expect(extra).toMatchObject({
      ok: false,
      errors: [
        {
          file: 'dimensions.csv',
          row: 2,
          column: '(file)',
          reason: 'this row has 4 cells, more than the 3 columns of the header; quote a cell that holds the separator',
        },
      ],
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
