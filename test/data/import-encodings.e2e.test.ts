// The demo employees as Excel saves them in every encoding it offers → the same
// rows; bytes no encoding explains → refused with the file's name and the reason,
// through importFiles and through the CLI; never a U+FFFD in the database.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoFiles, seedDemo } from '../../adapters/db/demo/index.js'
import { exportAll } from '../../adapters/db/export.js'
import { formatImportError, type ImportFile, importFiles } from '../../adapters/db/import/index.js'
import { createTestDb, type TestDb } from '../support/db.js'
import { encodeGb18030, encodeGbk, encodeUtf16 } from '../support/encode-text.js'
import { NOW, ROOT } from './helpers.js'

/** employees.csv as `ladder export` writes it (UTF-8 with a BOM), without the BOM. */
let gbkEmployees: string
/** The same with a name GBK cannot write (𠮷 needs GB18030's four bytes, or UTF-16's surrogates). */
let employees: string
let source: TestDb
const dir = mkdtempSync(join(tmpdir(), 'ladder-encodings-'))

const exportedEmployees = async (db: TestDb): Promise<string> =>
  (await exportAll(db.db, 'csv')).find((f) => f.name === 'employees.csv')!.content.replace(/^\uFEFF/, '')

beforeAll(async () => {
  source = await createTestDb()
  await seedDemo(source.db, NOW)
  // A minority name with the middle dot Excel users type (GBK has it).
  await source.db.employee.update({ where: { email: 'li.lei@demo.ladder' }, data: { name: '买买提·艾力' } })
  gbkEmployees = await exportedEmployees(source)
  await source.db.employee.update({ where: { email: 'wang.fang@demo.ladder' }, data: { name: '𠮷田芳' } })
  employees = await exportedEmployees(source)
})
afterAll(async () => {
  await source.close()
  rmSync(dir, { recursive: true, force: true })
})

/** Excel's "Unicode text": tab-separated, CRLF, quotes only where a cell needs them. */
function toExcelUnicodeText(csv: string): string {
  const rows = parse(csv) as string[][]
  const cell = (v: string) => (/[\t"\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)
  return `${rows.map((r) => r.map(cell).join('\t')).join('\r\n')}\r\n`
}

/** GBK with one byte no encoding explains after 陈杰: the old decoder stored "陈杰\uFFFD" without a word. */
function damagedGbk(): Uint8Array {
  const at = gbkEmployees.indexOf('陈杰') + '陈杰'.length
  return Buffer.concat([encodeGbk(gbkEmployees.slice(0, at)), Buffer.from([0xff]), encodeGbk(gbkEmployees.slice(at))])
}

const withUtf8Bom = (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])

/** Imports the demo catalogue plus `employeesFile` into a fresh database; its employees.csv export, or the errors. */
async function importIntoFresh(employeesFile: ImportFile): Promise<string> {
  const target = await createTestDb()
  try {
    const result = await importFiles(target.db, [...demoFiles('catalogue'), employeesFile], { now: NOW })
    if (!result.ok) return result.errors.map(formatImportError).join('\n')
    const names = await target.db.employee.findMany({ select: { name: true } })
    expect(names.filter((n) => n.name.includes('\uFFFD'))).toEqual([])
    return await exportedEmployees(target)
  } finally {
    await target.close()
  }
}

describe('importing Excel encodings', () => {
  it.each<[string, () => { bytes: Uint8Array; expected: string }]>([
    ['GBK (Excel "CSV" on a Chinese Windows)', () => ({ bytes: encodeGbk(gbkEmployees), expected: gbkEmployees })],
    ['GB18030', () => ({ bytes: encodeGb18030(employees), expected: employees })],
    [
      'UTF-16LE with a BOM, tab-separated (Excel "Unicode text")',
      () => ({ bytes: encodeUtf16(toExcelUnicodeText(employees), 'LE', true), expected: employees }),
    ],
    ['UTF-16BE with a BOM', () => ({ bytes: encodeUtf16(employees, 'BE', true), expected: employees })],
    ['UTF-16LE without a BOM', () => ({ bytes: encodeUtf16(employees, 'LE', false), expected: employees })],
    ['UTF-8 with a BOM (Excel "CSV UTF-8")', () => ({ bytes: withUtf8Bom(employees), expected: employees })],
  ])('imports the demo employees saved as %s to identical rows', async (_, make) => {
    const { bytes, expected } = make()
    expect(await importIntoFresh({ name: 'employees.csv', content: bytes })).toBe(expected)
  })

  it('imports a semicolon-separated file (European Excel) to identical rows', async () => {
    const rows = parse(employees) as string[][]
    const cell = (v: string) => (/[;"\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)
    const semicolons = `${rows.map((r) => r.map(cell).join(';')).join('\r\n')}\r\n`
    expect(await importIntoFresh({ name: 'employees.csv', content: withUtf8Bom(semicolons) })).toBe(employees)
  })

  it('refuses bytes no encoding explains with the file name and the reason, and lists the other files’ errors', async () => {
    const damaged = damagedGbk()
    const target = await createTestDb()
    try {
      const result = await importFiles(
        target.db,
        [
          ...demoFiles('catalogue'),
          { name: 'exports/employees.csv', content: damaged },
          { name: 'dimensions.csv', content: Buffer.from('code,name_zh,name_en\nbad code,甲,A\n') },
        ],
        { now: NOW },
      )
      expect(result.ok).toBe(false)
      if (result.ok) return
      expect(result.errors.map(formatImportError)).toEqual([
        'exports/employees.csv:1: (file): cannot be read: the file is not UTF-8, GB18030/GBK or UTF-16 text: save it as "CSV UTF-8" in Excel (or UTF-8 from any editor) and import it again',
        'dimensions.csv:2: code: letters, digits, "_", "-" and "." only, starting with a letter or digit',
      ])
      expect(await target.db.employee.count()).toBe(0)
    } finally {
      await target.close()
    }
  })

  it('never stores U+FFFD: text that arrives already damaged is refused cell by cell', async () => {
    const target = await createTestDb()
    try {
      const result = await importFiles(
        target.db,
        [
          { name: 'departments.csv', content: Buffer.from('code,name_zh,name_en\nRND,研\uFFFD中心,R&D\n') },
          { name: 'dimensions.json', content: JSON.stringify([{ code: 'ts', name_zh: '技术\uFFFD', name_en: 'Skill' }]) },
        ],
        { now: NOW },
      )
      expect(result.ok).toBe(false)
      if (result.ok) return
      expect(result.errors.map((e) => [e.file, e.row, e.column])).toEqual([
        ['departments.csv', 2, 'name_zh'],
        ['dimensions.json', 'item 1', 'name_zh'],
      ])
      expect(result.errors[0]!.reason).toContain('U+FFFD, the replacement character')
      expect(await target.db.department.count()).toBe(0)
    } finally {
      await target.close()
    }
  })

  it('names a row with too many cells and still lists every other error of the file', async () => {
    const target = await createTestDb()
    try {
      const result = await importFiles(
        target.db,
        [
          {
            name: 'departments.csv',
            content: Buffer.from(
              'code,name_zh,name_en,parent_code\nHQ,总部,HQ,\nRND,研发,R&D,HQ,surplus\nbad code,坏,Bad,HQ\nSUB,子,Sub,RND\n',
            ),
          },
        ],
        { now: NOW },
      )
      expect(result.ok).toBe(false)
      if (result.ok) return
      // SUB's parent is the unreadable row: not reported as unknown as well.
      expect(result.errors.map(formatImportError)).toEqual([
        'departments.csv:3: (file): this row has 5 cells, more than the 4 columns of the header; quote a cell that holds the separator',
        'departments.csv:4: code: letters, digits, "_", "-" and "." only, starting with a letter or digit',
      ])
    } finally {
      await target.close()
    }
  })
})

describe('ladder import with Excel encodings', { timeout: 90_000 }, () => {
  function ladder(...args: string[]) {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'bot/cli.ts', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: `file:${join(dir, 'cli.db')}`, LADDER_DEMO: 'false' },
      timeout: 60_000,
    })
    return { code: result.status, stdout: result.stdout, stderr: result.stderr }
  }

  it('imports Excel "Unicode text" and refuses an undecodable file by name and reason, without a stack trace', () => {
    const catalogue = ['departments.csv', 'jobs.csv'].map((f) => join(ROOT, 'examples', 'demo', f))
    const unicodeText = join(dir, 'employees.txt')
    writeFileSync(unicodeText, encodeUtf16(toExcelUnicodeText(gbkEmployees), 'LE', true))
    const ok = ladder('import', ...catalogue, unicodeText, '--dry-run')
    expect(ok.stderr).toBe('')
    expect(ok.code).toBe(0)
    expect(ok.stdout).toMatch(/employees\s+36\s+0\s+0/)

    const damaged = join(dir, 'employees.csv')
    writeFileSync(damaged, damagedGbk())
    const refused = ladder('import', ...catalogue, damaged)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain(`${damaged}:1: (file): cannot be read: the file is not UTF-8, GB18030/GBK or UTF-16 text`)
    expect(refused.stderr).toContain('1 error in 1 row of 1 file: nothing was imported.')
    expect(refused.stderr).not.toMatch(/\n\s+at /)
  })
})
