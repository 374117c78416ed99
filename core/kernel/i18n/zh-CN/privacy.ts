export const privacy = {
  'erase.title': '删除个人数据',
  'erase.refused': '只有 HR 可以删除个人数据。如需删除你自己的数据,请联系 HR。',
  'erase.notFound': '没有找到这个人。请使用通讯录中的姓名,或者提供邮箱。',
  'erase.ambiguous': '有多个人符合:{names}。请用邮箱指明是哪一位。',
  'erase.self': '不能由你自己删除你本人的数据,请联系另一位 HR 同事。',
  'erase.already': '这个人的数据已经删除过了。',
  'erase.confirm':
    '这将在 Ladder 中删除或匿名化 {name}({email})的全部个人数据:档案、聊天账号、培训、评估、360 反馈、消息、提醒和培养项目记录。删除后无法恢复。',
  'erase.willRemove': '将会变更:',
  'erase.tombstone': '在他人记录中的位置(主管做过的评估、360 周期)以“{tombstone}”保留。',
  'erase.button': '删除 {name} 的数据',
  'erase.done': '已删除:共删除或匿名化 {rows} 行。此人现在显示为“{tombstone}”。',
  'erase.toast': '个人数据已删除',
  'erase.line.deleted': '{table}:删除 {rows} 行',
  'erase.line.anonymised': '{table}:匿名化 {rows} 行',
  'erase.line.cancelled': '{table}:取消 {rows} 行',
}
