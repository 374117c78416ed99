// A career track is shown by name in the reader's language ("职业通道: 零售"), never
// by the code the import carries (`retail`), on every card that shows one.
import { describe, expect, it } from 'vitest'
import { jobFieldsBlock } from '../../core/kernel/cards/job.js'
import type { Job, Locale } from '../../core/kernel/domain/types.js'
import { trackName } from '../../core/kernel/format.js'
import { translator } from '../../core/kernel/i18n/index.js'

describe('trackName', () => {
  it.each<[string, Locale, string]>([
    ['rd', 'en', 'R&D'],
    ['rd', 'zh-CN', '研发'],
    ['management', 'zh-CN', '管理'],
    ['retail', 'en', 'Retail'],
    ['retail', 'zh-CN', '零售'],
    ['hr', 'zh-CN', '人力资源'],
    ['RETAIL', 'zh-CN', '零售'],
    // No name in the catalogue: words, not a code.
    ['customer_service', 'en', 'Customer service'],
    ['field-sales', 'zh-CN', 'Field sales'],
  ])('%s in %s is %s', (track, locale, name) => {
    expect(trackName(track, translator(locale))).toBe(name)
  })
})

describe('the job card', () => {
  const job: Job = { id: 1, code: 'RT2', title: { zh: '副店长', en: 'Assistant Store Manager' }, track: 'retail', level: 2 }
  it.each<[Locale, string]>([
    ['zh-CN', '零售,第 2 级'],
    ['en', 'Retail, level 2'],
  ])('names the track in %s', (locale, value) => {
    const block = jobFieldsBlock(job, locale)
    expect(block.type === 'fields' && block.fields[1]).toEqual({ label: translator(locale)('job.track'), value })
  })
})
