export const format = {
  'format.minutes': '{n} min',
  'format.hours': '{n} h',
  'format.course.online': 'online',
  'format.course.workshop': 'workshop',
  'format.course.mentor': 'mentoring',
  'format.none': 'none',
}
