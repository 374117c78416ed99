import { describe, expect, it } from 'vitest'
import type { Course, Job } from '../../core/kernel/domain/types.js'
import { matchCourse, matchJob } from '../../core/kernel/routing/match-entity.js'
import { courses, jobs } from '../fixtures/catalog.js'

describe('matchJob', () => {
  it.each([
    // codes, in any spelling
    ['RD2', 'RD2'],
    ['rd-2', 'RD2'],
    ['rd 2', 'RD2'],
    ['ＲＤ２', 'RD2'],
    ['gap for MG3 please', 'MG3'],
    // full titles
    ['高级研发工程师', 'RD2'],
    ['Senior R&D Engineer', 'RD2'],
    ['senior r and d engineer', 'RD2'],
    ['研发工程师', 'RD1'],
    ['R&D engineer', 'RD1'],
    // partial titles: the most specific job wins
    ['高级工程师', 'RD2'],
    ['高级', 'RD2'],
    ['senior engineer', 'RD2'],
    ['senior dev', 'RD2'],
    ['a senior', 'RD2'],
    ['资深工程师', 'RD3'],
    ['staff engineer', 'RD3'],
    ['室主任', 'MG2'],
    ['section chief', 'MG2'],
    ['team lead', 'MG1'],
    ['team leader', 'MG1'],
    ['团队负责人', 'MG1'],
    ['组长', 'MG1'],
    ['部门经理', 'MG3'],
    ['department manager', 'MG3'],
    // 副店长 contains 店长: the longer title must win, and the shorter must still match alone
    ['副店长', 'RT2'],
    ['店长', 'RT3'],
    ['store manager', 'RT3'],
    ['assistant store manager', 'RT2'],
    ['deputy store manager', 'RT2'],
    ['门店经理', 'RT3'],
    ['店员', 'RT1'],
    ['sales associate', 'RT1'],
    ['HRBP', 'HR2'],
    ['hr business partner', 'HR2'],
    ['人事专员', 'HR1'],
    // typos, noise, punctuation, mentions
    ['senoir enginer', 'RD2'],
    ['staff enginneer', 'RD3'],
    ['高级的研发工程师', 'RD2'],
    ['「店长」', 'RT3'],
    ['<@U024BE7LH> 副店长？', 'RT2'],
    ['@_user_1 室主任!!', 'MG2'],
    ['what does a store manager need?', 'RT3'],
    ['店长的任职资格是什么', 'RT3'],
    ['how far am I from senior 🚀', 'RD2'],
  ])('%s → %s', (text, code) => {
    expect(matchJob(text, jobs)?.job.code).toBe(code)
  })

  it.each([
    ['hello'],
    [''],
    ['   '],
    ['我晋升还差什么'],
    ['what do I need for promotion'],
    ['what is the weather like'],
    ['tell me a joke'],
    ['报销流程是什么'],
    // shared by three manager titles: ambiguous, so no guess
    ['manager'],
    ['score'],
    ['asdfghjkl'],
  ])('%j names no job', (text) => {
    expect(matchJob(text, jobs)).toBeNull()
  })

  it('scores a code or a full title 1 and a partial title less', () => {
    expect(matchJob('RD2', jobs)?.score).toBe(1)
    expect(matchJob('高级研发工程师', jobs)?.score).toBeCloseTo(1)
    const partial = matchJob('高级', jobs)?.score ?? 0
    expect(partial).toBeGreaterThan(0)
    expect(partial).toBeLessThan(1)
  })

  it('answers with the objects of the catalogue it was given, even when an equal one was indexed before', () => {
    const reloaded = jobs.map((job) => ({ ...job }))
    expect(matchJob('店长', reloaded)?.job).toBe(reloaded.find((job) => job.code === 'RT3'))
    const renamed = jobs.map((job) => (job.code === 'RT3' ? { ...job, title: { zh: '门店负责人', en: 'Shop Head' } } : job))
    expect(matchJob('shop head', renamed)?.job.code).toBe('RT3')
    expect(matchJob('shop head', jobs)).toBeNull()
  })

  it('finds nothing in an empty catalogue', () => {
    expect(matchJob('RD2', [])).toBeNull()
  })

  it('indexes each catalogue on its own', () => {
    const other: Job[] = [
      { id: 1, code: 'BE1', title: { zh: '后端开发工程师', en: 'Backend Developer' }, track: 'eng', level: 1 },
      { id: 2, code: 'PM1', title: { zh: '产品经理', en: 'Product Manager' }, track: 'product', level: 1 },
      { id: 3, code: 'TL', title: { zh: '组长', en: 'Group Leader' }, track: 'management', level: 2 },
    ]
    expect(matchJob('backend dev', other)?.job.code).toBe('BE1')
    expect(matchJob('后端工程师', other)?.job.code).toBe('BE1')
    expect(matchJob('product manager', other)?.job.code).toBe('PM1')
    // a catalogue whose title is itself a synonym still matches it
    expect(matchJob('组长', other)?.job.code).toBe('TL')
    // the demo catalogue is unaffected by the other one
    expect(matchJob('组长', jobs)?.job.code).toBe('MG1')
  })
})

describe('matchCourse', () => {
  it.each([
    ['RD-101', 'RD-101'],
    ['rd101', 'RD-101'],
    ['rd 101', 'RD-101'],
    ['我想报名RD-101', 'RD-101'],
    ['研发项目管理', 'RD-101'],
    ['R&D Project Management', 'RD-101'],
    ['the project management course', 'RD-101'],
    ['python', 'RD-202'],
    ['Python编程', 'RD-202'],
    ['python programing', 'RD-202'],
    ['企业文化课程', 'CU-101'],
    ['company culture', 'CU-101'],
    ['医疗器械法规', 'RD-203'],
    ['medical device regulations', 'RD-203'],
    ['医疗设备设计进阶', 'RD-201'],
    ['advanced medical device design', 'RD-201'],
    ['跨部门项目实战', 'RD-102'],
    ['cross-team project practicum', 'RD-102'],
    ['团队管理基础', 'MG-101'],
    ['team management', 'MG-101'],
    ['后备干部培训', 'MG-201'],
    ['reserve cadre training', 'MG-201'],
    ['店长带教', 'RT-202'],
    ['store sales planning', 'RT-101'],
    ['客户沟通技巧', 'RT-102'],
    ['customer communication skills', 'RT-102'],
    ['系统架构设计', 'RD-302'],
    ['system architecture workshop', 'RD-302'],
    ['人才盘点与任职资格', 'HR-201'],
    ['报名「企业文化」', 'CU-101'],
    ['I finished the managment course for teams', 'MG-101'],
  ])('%s → %s', (text, code) => {
    expect(matchCourse(text, courses)?.course.code).toBe(code)
  })

  it.each([
    ['hello'],
    [''],
    ['course'],
    ['training'],
    ['课程'],
    ['我想报名'],
    ['sign me up'],
    ['recommend me some courses'],
    ['what is the weather like'],
  ])('%j names no course', (text) => {
    expect(matchCourse(text, courses)).toBeNull()
  })

  it('scores a code 1 and a partial title less than 1', () => {
    expect(matchCourse('RD-101', courses)?.score).toBe(1)
    const partial = matchCourse('python', courses)?.score ?? 0
    expect(partial).toBeGreaterThan(0)
    expect(partial).toBeLessThan(1)
  })

  it('matches a course of another catalogue by its own words', () => {
    const other: Course[] = [
      {
        id: 1,
        code: 'SEC-1',
        title: { zh: '信息安全意识', en: 'Security Awareness' },
        format: 'online',
        durationMinutes: 30,
        url: null,
        passMark: 80,
        verification: 'none',
        certificateCode: null,
        quizSize: 0,
        dimensionIds: [],
        audienceTracks: [],
      },
    ]
    expect(matchCourse('信息安全', other)?.course.code).toBe('SEC-1')
    expect(matchCourse('security awarness', other)?.course.code).toBe('SEC-1')
    expect(matchCourse('python', other)).toBeNull()
  })
})
