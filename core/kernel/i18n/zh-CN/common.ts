export const common = {
  'common.error': '抱歉,我们这边出了点问题({code})。请稍后再试;如果一直出现,请告知 HR。',
  'common.notLinked': '我还不认识你:你的聊天账号尚未关联员工档案。请联系 HR 添加你(或关联此账号)。',
  'delivery.unreachable':
    '其中 {n} 位无法收到卡片:他们没有 Ladder 所在平台的聊天账号,网页控制台也未开启。请关联其账号(或开启控制台)后再试。',
  'action.invalid': '该按钮已失效,请重新提问获取最新卡片。',
}
