export const format = {
  'format.minutes': '{n} 分钟',
  'format.hours': '{n} 小时',
  'format.course.online': '线上课程',
  'format.course.workshop': '线下工作坊',
  'format.course.mentor': '导师辅导',
  'format.none': '无',
}
