export const tracks = {
  'track.rd': '研发',
  'track.management': '管理',
  'track.retail': '零售',
  'track.hr': '人力资源',
}
