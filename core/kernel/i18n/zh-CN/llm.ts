import type { llm as en } from '../en/llm.js'

export const llm = {
  'llm.note': '🤖 以上由 AI 助手根据你的 Ladder 数据撰写，下方数字以 Ladder 为准。',
  'llm.noteTextOnly': '🤖 以上由 AI 助手撰写。发送“帮助”查看 Ladder 能做什么。',
  'llm.confirm.title': '请确认',
  'llm.confirm.enrol': '要为你报名《{course}》（{code}）吗？',
  'llm.confirm.trainingDone': '要把《{course}》（{code}）标记为你已完成吗？',
  'llm.confirm.trainingDoneScore': '要把《{course}》（{code}）标记为你已完成（成绩 {score} 分）吗？',
  'llm.confirm.assign': '要把《{course}》（{code}）分配给{people}{due}吗？',
  'llm.confirm.team': '你的整个团队',
  'llm.confirm.and': '、',
  'llm.confirm.due': '，截止日期 {date}',
  'llm.confirm.leftOut': '（另有 {n} 人不在你可分配的范围内，已略过。）',
  'llm.confirm.language': '以后用{language}回复你吗？',
  'llm.confirm.english': '英文',
  'llm.confirm.chinese': '中文',
  'llm.confirm.note': '尚未做任何更改：这是 AI 助手的建议，点击“确认”后才会执行。',
  'llm.confirm.yes': '确认',
  'llm.confirm.no': '取消',
  'llm.confirm.cancelled': '已取消，未做任何更改。',
  'llm.confirm.notYours': '这个按钮只能由提问的人点击。',
} satisfies Record<keyof typeof en, string>
