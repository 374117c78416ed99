// Slack 适配器自身显示的文字(其余文字来自 core)。
export const slack = {
  'slack.truncated': '… 还有 {n} 项未显示:Slack 限制了单条消息的长度。请缩小问题范围(某个岗位、某个人)查看其余内容。',
  'slack.openForm': '打开表单',
  'slack.cancel': '取消',
}
