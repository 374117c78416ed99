// The neutral cards compared as exact JSON: what a rater is told before and after answering.
import { describe, expect, it } from 'vitest'
import { buildReport } from '../../core/features/feedback/build-report.js'
import { raterCard, submittedCard } from '../../core/features/feedback/feedback-card.js'
import { feedbackReportCard } from '../../core/features/feedback/present-report.js'
import type { FeedbackCycle, FeedbackRequest } from '../../core/features/feedback/types.js'
import type { Employee } from '../../core/kernel/domain/types.js'

const subject: Employee = {
  id: 2,
  email: 'eve@t.test',
  name: '伊娃',
  nameEn: 'Eve',
  locale: 'zh-CN',
  timeZone: 'Asia/Shanghai',
  departmentId: null,
  jobId: null,
  managerId: 1,
  hireDate: null,
  roles: ['employee'],
  status: 'active',
}
const reader: Employee = { ...subject, id: 3, email: 'tom@t.test', name: '汤姆', nameEn: 'Tom', locale: 'en', timeZone: 'Europe/London' }
const cycle: FeedbackCycle = {
  id: 1,
  name: 'Q4 360',
  stage: 'collecting',
  opensAt: new Date('2026-11-23T00:00:00Z'),
  closesAt: new Date('2026-12-07T23:59:00Z'),
  perspectives: ['self', 'manager', 'peer', 'report'],
  nominationBy: 'manager',
  peerCap: 8,
  thresholds: { peer: 3, report: 4 },
  createdById: 9,
  createdAt: new Date(0),
  stageChangedAt: new Date(0),
}
const request: FeedbackRequest = {
  id: 12,
  feedbackSubjectId: 1,
  cycleId: 1,
  subjectId: 2,
  raterId: 3,
  perspective: 'report',
  status: 'open',
  taskId: 40,
  nominatedById: 9,
  declineReason: null,
}
const REPORT_NOTICE =
  'Anonymous: Eve, their manager and HR see only averages over at least 4 answers (from direct reports, or from direct reports and peers together) and comments without names, in no particular order. With fewer answers, nothing from direct reports is shown. Your name is never stored with your answers.'

describe('rater cards', () => {
  it('the request names the subject, the deadline in the reader’s zone, and the visibility, before any answer', () => {
    expect(raterCard({ request, cycle, subject }, reader)).toEqual({
      locale: 'en',
      fallback: `360° feedback for Eve — Q4 360\nAbout: Eve\nYou answer as: Direct report\nPlease answer by: Dec 7, 2026\n${REPORT_NOTICE}`,
      header: { title: '360° feedback for Eve', subtitle: 'Q4 360', tone: 'info' },
      blocks: [
        {
          type: 'fields',
          fields: [
            { label: 'About', value: 'Eve' },
            { label: 'You answer as', value: 'Direct report' },
            { label: 'Please answer by', value: 'Dec 7, 2026' },
          ],
        },
        { type: 'context', text: REPORT_NOTICE },
        {
          type: 'actions',
          buttons: [
            { label: 'Answer', action: { id: 'open_form', value: 'feedback:12' }, style: 'primary' },
            { label: 'Decline', action: { id: 'open_form', value: 'feedback:12:decline' } },
          ],
        },
      ],
    })
  })

  it('the submitted card repeats who sees the answers', () => {
    const named = '实名:作为 伊娃 的上级,你的评分和评语会以“上级”身份展示给 伊娃 和 HR。'
    expect(submittedCard({ request: { ...request, perspective: 'manager' }, cycle, subject, questionnaire: [] }, 'zh-CN')).toEqual({
      locale: 'zh-CN',
      fallback: `反馈已提交 — Q4 360\n谢谢。你对 伊娃 的回答已记录,不能再修改。\n${named}`,
      header: { title: '反馈已提交', subtitle: 'Q4 360', tone: 'success' },
      blocks: [
        { type: 'text', text: '谢谢。你对 伊娃 的回答已记录,不能再修改。' },
        { type: 'context', text: named },
      ],
    })
  })
})

describe('report card', () => {
  it('shows pooled groups with their count and the "all others" column, comments unattributed and sorted', () => {
    const q = [
      { dimensionId: 1, code: 'lead', name: { zh: '领导', en: 'Leadership' }, behaviours: [] },
      { dimensionId: 2, code: 'craft', name: { zh: '技艺', en: 'Craft' }, behaviours: [] },
    ]
    const answer = (perspective: 'manager' | 'peer' | 'report', lead: number, craft: number, strengths = '') => ({
      perspective,
      answers: { ratings: { lead, craft }, strengths, improvements: '' },
    })
    const report = buildReport({
      questionnaire: q,
      responses: [answer('manager', 4, 2), answer('peer', 5, 3, 'zest'), answer('peer', 3, 3), answer('report', 4, 2, 'calm')],
      thresholds: { peer: 3, report: 3 },
      asked: ['manager', 'peer', 'report'],
      courses: [
        {
          id: 7,
          code: 'CR-1',
          title: { zh: '技艺', en: 'Craft basics' },
          format: 'online',
          durationMinutes: 90,
          url: null,
          passMark: null,
          verification: 'none',
          certificateCode: null,
          quizSize: 0,
          dimensionIds: [2],
          audienceTracks: [],
        },
      ],
      progress: { assessments: [], evidence: [], assignments: [] },
    })
    const card = feedbackReportCard({ cycle: { ...cycle, stage: 'closed' }, subject, report }, 'en')
    expect(card.blocks).toEqual([
      { type: 'context', text: 'Shown (answers): Manager (1), Peers & direct reports (3)' },
      {
        type: 'table',
        columns: ['Dimension', 'Manager', 'Peers & direct reports', 'All others'],
        rows: [
          ['Leadership', '4.0', '4.0', '4.0'],
          ['Craft', '2.0', '2.7', '2.5'],
        ],
      },
      { type: 'text', text: '**Strengths**\n- Leadership' },
      { type: 'text', text: '**Development areas**\n- Craft\n  Courses: CR-1 Craft basics (online, 1.5 h)' },
      { type: 'text', text: '**Comments — Peers & direct reports**\nStrengths:\n- calm\n- zest' },
      {
        type: 'context',
        text: 'Ratings 1–5. Peers need at least 3 answers and direct reports 4 to be shown; “All others” includes only the groups shown above.',
      },
    ])
  })
})
