import type { feishu as en } from '../en/feishu.js'

// 飞书适配器自己显示的文字（其余文字都来自核心）。
export const feishu = {
  'feishu.truncated': '… 还有 {count} 个部分放不进一张飞书卡片。请换一个更具体的问题再问我。',
  'feishu.sentPrivately': '结果已私信发给你:群里的卡片是大家共享的。',
  'feishu.answeredPrivately': '已私信回复你,群里不会看到个人数据。',
  'feishu.working': '正在处理，结果会以新消息发给你。',
  'feishu.unsupportedCard': '这个按钮所在的卡片已无法识别，请重新提问获取新的卡片。',
} satisfies Record<keyof typeof en, string>
