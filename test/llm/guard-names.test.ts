import { describe, expect, it } from 'vitest'
import { mentionedPeople, unauthorisedMentions } from '../../core/app/llm/guard-names.js'

const directory = [
  { id: 1, name: '陈亚历', nameEn: 'Alex Chen', email: 'alex.chen@demo.ladder' },
  { id: 2, name: '李雷', nameEn: 'Li Lei', email: 'li.lei@demo.ladder' },
  { id: 3, name: '花', nameEn: 'Hana', email: 'hana@demo.ladder' },
  { id: 4, name: '艾历', nameEn: 'Alex', email: 'alex@demo.ladder' },
  { id: 5, name: '孙丽', nameEn: 'Sun Li', email: 'sun.li@demo.ladder' },
  { id: 6, name: '韩梅梅', nameEn: null, email: 'han.meimei@demo.ladder' },
]

describe('unauthorisedMentions (asker: Alex Chen)', () => {
  const cases: [text: string, expected: number[]][] = [
    ['Your overall match is 64%; the largest gap is project experience.', []],
    ['Alex Chen, you are at 64%.', []], // the asker, although a colleague is called "Alex"
    ['陈亚历，你的整体达标率是 64%。', []],
    ['Li Lei is at 75% for Staff R&D Engineer.', [2]],
    ['li  lei is at 75%', [2]],
    ['LiLei: 75%', [2]],
    ['Lei Li is at 75%', [2]],
    ['李雷的整体达标率为 75%', [2]],
    ['Write to li.lei@demo.ladder', [2]],
    ['ask li.lei about it', [2]],
    ['Alex, you are at 64%.', [4]], // ambiguous: another employee is called just "Alex"
    ['花了两天完成课程', []], // a one-character name says nothing on its own
    ['Hana from HR can help', [3]],
    ['Enjoy the sunlight, and take RD-101', []], // "Sun Li" only at word edges
    ['孙丽和韩梅梅都已达标', [5, 6]],
    ['Ask Han Meimei', [6]], // no English name recorded: her e-mail's local part spells it
  ]
  it.each(cases)('%s → %j', (text, expected) => {
    expect(unauthorisedMentions(text, directory, new Set([1]))).toEqual(expected)
  })

  it('lets through people the tool results named', () => {
    expect(unauthorisedMentions('Li Lei and Sun Li are ready', directory, new Set([1, 2, 5]))).toEqual([])
  })
})

describe('unauthorisedMentions: a name written to slip past', () => {
  // Each is Li Lei (id 2), asked for by Alex (id 1); each was let through before the text was normalised.
  const cases: [how: string, text: string][] = [
    ['a space between the characters', '李 雷的整体达标率为 75%'],
    ['an ideographic space', '李\u3000雷: 75%'],
    ['a line break', '李\n雷: 75%'],
    ['a middle dot', '李·雷: 75%'],
    ['punctuation', '李、雷 / 李-雷: 75%'],
    ['a zero-width space', '李\u200b雷: 75%'],
    ['a zero-width non-joiner', '李\u200c雷: 75%'],
    ['a zero-width joiner', '李\u200d雷: 75%'],
    ['a word joiner', '李\u2060雷: 75%'],
    ['a byte-order mark', '李\ufeff雷: 75%'],
    ['a zero-width space inside the Latin name', 'L\u200bi Le\u200bi is at 75%'],
    ['full-width letters', 'Ｌｉ Ｌｅｉ is at 75%'],
    ['full-width letters, no space', 'ＬｉＬｅｉ: 75%'],
    ['pinyin tone marks', 'Lǐ Léi is at 75%'],
    ['all lower case, run together', 'lilei is at 75%'],
    ['as the e-mail writes it', 'li.lei is at 75%'],
    ['surname last', 'Lei Li is at 75%'],
    ['upper case with a hyphen', 'LI-LEI: 75%'],
    ['between Chinese characters', '给LiLei报名了'],
    ['his e-mail in full-width', 'ｌｉ.ｌｅｉ＠ｄｅｍｏ.ｌａｄｄｅｒ'],
  ]
  it.each(cases)('%s: %j is caught', (_how, text) => {
    expect(unauthorisedMentions(text, directory, new Set([1]))).toEqual([2])
  })

  it('knows people who have left: the directory it is given includes them', () => {
    const left = { id: 7, name: '王芳', nameEn: 'Wang Fang', email: 'wang.fang@demo.ladder' }
    expect(unauthorisedMentions('王 芳 left in March', [...directory, left], new Set([1]))).toEqual([7])
    expect(unauthorisedMentions('Ｗａｎｇ Ｆａｎｇ left in March', [...directory, left], new Set([1]))).toEqual([7])
  })
})

describe('unauthorisedMentions: ordinary words and course titles stay', () => {
  const people = [
    ...directory,
    { id: 8, name: '马丁', nameEn: 'Martin Ma', email: 'martin.ma@demo.ladder' },
    { id: 9, name: '安', nameEn: 'An', email: 'an@demo.ladder' },
    { id: 10, name: '文静', nameEn: 'Wen Jing', email: 'wen.jing@demo.ladder' },
    { id: 11, name: '高飞', nameEn: 'Gao Fei', email: 'gao.fei@demo.ladder' },
  ]
  const texts = [
    'Your overall match is 64%; the largest gap is project experience.',
    'Take “Excel 进阶” (RD-101) and “Project Management Essentials” (RD-102) next.',
    '建议先学习《项目管理基础》，再学习《Excel 进阶》。',
    'Enjoy the sunlight, and take RD-101',
    'Alexandra, alexa and alexander joined the workshop.',
    'Live a little: deliver, release, relive.',
    'The lilac lead-in: a lie, lei of flowers.',
    'Hannah and Hanako enjoyed Hanami.',
    'Martial arts, the mart, a marathon.',
    '安全培训和安排都已完成。',
    '花了两天完成课程',
    'One page, a few lines, Li-ion batteries.',
    'Send an e-mail to your manager; sun lights the office.',
    '你的技术能力得分是 72 分，目标是 80 分。',
  ]
  it.each(texts)('%j names nobody', (text) => {
    expect(unauthorisedMentions(text, people, new Set([1]))).toEqual([])
  })
})

describe('mentionedPeople', () => {
  it('finds people in tool results by any of their names', () => {
    const results = '{"members":[{"name":"Li Lei","overall":75},{"name":"孙丽","overall":80}]}'
    expect([...mentionedPeople(results, directory)].sort()).toEqual([2, 5])
  })
})
