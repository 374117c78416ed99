// Renderers compared as exact JSON: the reminder digest and the broadcast card.
import { describe, expect, it } from 'vitest'
import { broadcastCard } from '../../core/features/broadcasts/broadcast-card.js'
import { type ReminderLine, reminderCard } from '../../core/features/tasks/reminder-card.js'
import type { Course, Employee } from '../../core/kernel/domain/types.js'

const eve: Employee = {
  id: 3,
  email: 'eve@r.test',
  name: '伊娃',
  nameEn: 'Eve',
  locale: 'en',
  timeZone: 'Asia/Shanghai',
  departmentId: 1,
  jobId: null,
  managerId: 2,
  hireDate: null,
  roles: ['employee'],
  status: 'active',
}
const tom: Employee = { ...eve, id: 4, name: '汤姆', nameEn: 'Tom' }
const hana: Employee = { ...eve, id: 5, name: '花', nameEn: 'Hana', locale: 'zh-CN', roles: ['employee', 'hr'] }
const course: Course = {
  id: 1,
  code: 'RD-101',
  title: { zh: '研发项目管理', en: 'R&D Project Management' },
  format: 'online',
  durationMinutes: 240,
  url: 'https://learn.example.com/rd-101',
  passMark: 80,
  verification: 'none',
  certificateCode: null,
  quizSize: 0,
  dimensionIds: [],
  audienceTracks: [],
}
const assignment = {
  id: 11,
  employeeId: 3,
  courseId: 1,
  status: 'assigned',
  source: 'hr',
  assignedAt: new Date('2026-11-01T00:00:00Z'),
  dueAt: new Date('2026-11-20T10:00:00Z'),
  completedAt: null,
  score: null,
  snoozedUntil: null,
  assignedById: null,
  reportedAt: null,
  verifiedBy: null,
} as const
const task = {
  id: 21,
  kind: 'reflection',
  assigneeId: 3,
  subjectId: 3,
  dimensionId: null,
  status: 'open',
  createdAt: new Date('2026-11-01T00:00:00Z'),
  dueAt: new Date('2026-11-16T10:00:00Z'),
  completedAt: null,
  snoozedUntil: null,
} as const

describe('reminderCard', () => {
  it("renders own tasks with their buttons and a manager's escalations as a table, hiding whom a 360 is about", () => {
    const lines: ReminderLine[] = [
      {
        role: 'own',
        item: { kind: 'training', assignment, course, isOverdue: false },
        step: 'before:3d',
        isFirstNotice: false,
        overdueWorkingDays: 0,
        daysUntilDue: 3,
        assignee: eve,
      },
      {
        role: 'own',
        item: { kind: 'evaluation', task, subject: eve, isOverdue: true },
        step: 'overdue:1',
        isFirstNotice: false,
        overdueWorkingDays: 2,
        daysUntilDue: -1,
        assignee: eve,
      },
      {
        role: 'manager',
        item: {
          kind: 'evaluation',
          task: { ...task, id: 22, kind: 'rating_360', assigneeId: 4, subjectId: 3 },
          subject: eve,
          isOverdue: true,
        },
        step: 'escalate:manager',
        isFirstNotice: false,
        overdueWorkingDays: 3,
        daysUntilDue: -5,
        assignee: tom,
      },
    ]
    expect(reminderCard(lines, 'en', 'Asia/Shanghai')).toEqual({
      locale: 'en',
      fallback:
        'Reminder: 2 open tasks — 1 overdue\n⏳ Due in 3 days\n📘 RD-101 R&D Project Management — due Nov 20, 2026\n⚠️ Overdue by 2 working days\n📝 Write your learning reflection — ⚠️ overdue since Nov 16, 2026\nThese tasks of people in your team are overdue. A word from you usually helps:\nPerson | Task | Due | Overdue (working days)\nTom | 360° feedback request | Nov 16, 2026 | 3\nReminders come on working days, inside your working hours. Snooze one if now is not a good time.',
      header: {
        title: 'Reminder: 2 open tasks',
        subtitle: '1 overdue',
        tone: 'warning',
      },
      blocks: [
        {
          type: 'context',
          text: '⏳ Due in 3 days',
        },
        {
          type: 'text',
          text: '📘 RD-101 R&D Project Management — due Nov 20, 2026',
        },
        {
          type: 'actions',
          buttons: [
            {
              label: 'Done',
              action: {
                id: 'training_done',
                value: '11',
              },
              style: 'primary',
            },
            {
              label: 'Snooze 1 day',
              action: {
                id: 'snooze',
                value: 'training:11:1d',
              },
            },
            {
              label: 'Until next working day',
              action: {
                id: 'snooze',
                value: 'training:11:nwd',
              },
            },
            {
              label: 'Open course',
              action: {
                id: 'ask',
                value: 'my_tasks',
              },
              url: 'https://learn.example.com/rd-101',
            },
          ],
        },
        {
          type: 'context',
          text: '⚠️ Overdue by 2 working days',
        },
        {
          type: 'text',
          text: '📝 Write your learning reflection — ⚠️ overdue since Nov 16, 2026',
        },
        {
          type: 'actions',
          buttons: [
            {
              // A reflection is written in its form (issue 16), not marked done.
              label: 'Open form',
              action: {
                id: 'open_form',
                value: 'reflection:21',
              },
              style: 'primary',
            },
            {
              label: 'Snooze 1 day',
              action: {
                id: 'snooze',
                value: 'evaluation:21:1d',
              },
            },
            {
              label: 'Until next working day',
              action: {
                id: 'snooze',
                value: 'evaluation:21:nwd',
              },
            },
          ],
        },
        {
          type: 'text',
          text: '**These tasks of people in your team are overdue. A word from you usually helps:**',
        },
        {
          type: 'table',
          columns: ['Person', 'Task', 'Due', 'Overdue (working days)'],
          rows: [['Tom', '360° feedback request', 'Nov 16, 2026', '3']],
        },
        {
          type: 'actions',
          buttons: [
            {
              label: 'Open my to-do list',
              action: {
                id: 'ask',
                value: 'my_tasks',
              },
            },
            {
              label: 'Open team overview',
              action: {
                id: 'ask',
                value: 'team_overview',
              },
            },
          ],
        },
        {
          type: 'context',
          text: 'Reminders come on working days, inside your working hours. Snooze one if now is not a good time.',
        },
      ],
    })
  })

  it.each([
    [
      { daysUntilDue: 0, isOverdue: false, overdueWorkingDays: 0, isFirstNotice: true, step: 'assigned' },
      '🆕 Just assigned to you · 📌 Due today',
    ],
    [{ daysUntilDue: 1, isOverdue: false, overdueWorkingDays: 0, isFirstNotice: false, step: 'before:1d' }, '⏳ Due tomorrow'],
    [{ daysUntilDue: 0, isOverdue: true, overdueWorkingDays: 0, isFirstNotice: false, step: 'due' }, '⚠️ Overdue'],
    [
      { daysUntilDue: null, isOverdue: false, overdueWorkingDays: 0, isFirstNotice: false, step: 'snoozed:2026-11-18T01:00:00.000Z' },
      '⏰ Your snooze is over · 🗒️ Still open',
    ],
  ] as const)('labels %o as %s', (state, label) => {
    const line: ReminderLine = {
      role: 'own',
      item: {
        kind: 'training',
        assignment: { ...assignment, dueAt: state.daysUntilDue === null ? null : assignment.dueAt },
        course,
        isOverdue: state.isOverdue,
      },
      step: state.step,
      isFirstNotice: state.isFirstNotice,
      overdueWorkingDays: state.overdueWorkingDays,
      daysUntilDue: state.daysUntilDue,
      assignee: eve,
    }
    expect(reminderCard([line], 'en', 'Asia/Shanghai').blocks[0]).toEqual({ type: 'context', text: label })
  })

  it("stays under Slack's 50 blocks however much is owed", () => {
    const many: ReminderLine[] = Array.from({ length: 44 }, (_, i) => ({
      role: i % 2 === 0 ? 'own' : 'hr',
      item: { kind: 'training', assignment: { ...assignment, id: i + 100 }, course, isOverdue: true },
      step: 'overdue:1',
      isFirstNotice: false,
      overdueWorkingDays: 2,
      daysUntilDue: -2,
      assignee: tom,
    }))
    const card = reminderCard(many, 'zh-CN', 'Asia/Shanghai')
    expect(card.blocks.length).toBeLessThanOrEqual(50)
    expect(card.blocks.filter((b) => b.type === 'context' && b.text.startsWith('……'))).toHaveLength(2)
  })
})

describe('broadcastCard', () => {
  it("renders the channel card in the announcer's language with the other as its alternate", () => {
    expect(
      broadcastCard({ broadcastId: 7, course, dueAt: new Date('2026-12-01T10:00:00Z'), done: 12, total: 40, announcer: hana }, 'zh-CN'),
    ).toEqual({
      locale: 'zh-CN',
      fallback:
        '📣 本群培训任务:RD-101 研发项目管理 — 2026年12月1日 截止\n花请本群所有成员在 2026年12月1日 前完成 RD-101 研发项目管理。请先报名,学完后点击“已完成”。\n形式: 线上课程\n时长: 4 小时\n截止: 2026年12月1日\n已完成: 30% (12/40)\n✅ 已完成 12/40',
      header: {
        title: '📣 本群培训任务:RD-101 研发项目管理',
        subtitle: '2026年12月1日 截止',
        tone: 'info',
      },
      blocks: [
        {
          type: 'text',
          text: '花请本群所有成员在 **2026年12月1日** 前完成 **RD-101 研发项目管理**。请先报名,学完后点击“已完成”。',
        },
        {
          type: 'fields',
          fields: [
            {
              label: '形式',
              value: '线上课程',
            },
            {
              label: '时长',
              value: '4 小时',
            },
            {
              label: '截止',
              value: '2026年12月1日',
            },
          ],
        },
        {
          type: 'progress',
          rows: [
            {
              label: '已完成',
              value: 30,
              note: '12/40',
            },
          ],
        },
        {
          type: 'context',
          text: '✅ 已完成 12/40',
        },
        {
          type: 'actions',
          buttons: [
            {
              label: '报名',
              action: {
                id: 'enrol',
                value: 'RD-101@broadcast:7',
              },
              style: 'primary',
            },
            {
              label: '已完成',
              action: {
                id: 'training_done',
                value: 'broadcast:7',
              },
            },
            {
              label: '打开课程',
              action: {
                id: 'ask',
                value: 'my_tasks',
              },
              url: 'https://learn.example.com/rd-101',
            },
          ],
        },
      ],
      alternate: {
        locale: 'en',
        fallback:
          '📣 Training for this channel: RD-101 R&D Project Management — Due Dec 1, 2026\nHana asks everyone in this channel to complete RD-101 R&D Project Management by Dec 1, 2026. Enrol, take it, then press Done.\nFormat: online\nDuration: 4 h\nDue: Dec 1, 2026\nDone: 30% (12/40)\n✅ 12/40 done',
        header: {
          title: '📣 Training for this channel: RD-101 R&D Project Management',
          subtitle: 'Due Dec 1, 2026',
          tone: 'info',
        },
        blocks: [
          {
            type: 'text',
            text: 'Hana asks everyone in this channel to complete **RD-101 R&D Project Management** by **Dec 1, 2026**. Enrol, take it, then press Done.',
          },
          {
            type: 'fields',
            fields: [
              {
                label: 'Format',
                value: 'online',
              },
              {
                label: 'Duration',
                value: '4 h',
              },
              {
                label: 'Due',
                value: 'Dec 1, 2026',
              },
            ],
          },
          {
            type: 'progress',
            rows: [
              {
                label: 'Done',
                value: 30,
                note: '12/40',
              },
            ],
          },
          {
            type: 'context',
            text: '✅ 12/40 done',
          },
          {
            type: 'actions',
            buttons: [
              {
                label: 'Enrol',
                action: {
                  id: 'enrol',
                  value: 'RD-101@broadcast:7',
                },
                style: 'primary',
              },
              {
                label: 'Done',
                action: {
                  id: 'training_done',
                  value: 'broadcast:7',
                },
              },
              {
                label: 'Open course',
                action: {
                  id: 'ask',
                  value: 'my_tasks',
                },
                url: 'https://learn.example.com/rd-101',
              },
            ],
          },
        ],
      },
    })
  })
})
