import type { llm as en } from '../en/llm.js'

export const llm = {
  'llm.note': '🤖 以上由 AI 助手根据你的 Ladder 数据撰写，下方数字以 Ladder 为准。',
  'llm.noteTextOnly': '🤖 以上由 AI 助手撰写。发送“帮助”查看 Ladder 能做什么。',
} satisfies Record<keyof typeof en, string>
