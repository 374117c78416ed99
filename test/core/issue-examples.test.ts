// The phrasings issue 14 lists as misread before the classifier, and a paraphrase
// of each kind in the other language. Not training data: the router never saw them
// labelled (the training script also skips any text of the held-out set).
import { describe, expect, it } from 'vitest'
import { routeIntent } from '../../core/app/intents.js'
import { courses, jobs } from '../fixtures/catalog.js'

const route = (text: string) => routeIntent(text, { jobs, courses })

describe('what people actually type (issue 14)', () => {
  const cases: [text: string, intent: string][] = [
    ['我的培训有哪些', 'my_trainings'],
    ['remind me what trainings I have', 'my_trainings'],
    ['我的技术能力得分是多少', 'dimension_score'],
    ['我想走管理路线,需要做什么', 'career_paths'],
    ['我的岗位职责是什么', 'job_description'],
    ['what is my job description', 'job_description'],
    ['谁的培训逾期了', 'overdue_report'],
    ['吴浩的待办', 'my_tasks'],
    ['给李雷报名 RD-102', 'assign_training'],
    ['assign RD-102 to Li Lei by Friday', 'assign_training'],
    ['给我的团队都安排 RD-101', 'assign_training'],
    ['李雷学完了 RD-101', 'training_done'],
    ['我达标了吗', 'promotion_gap'],
    ['哪些维度还没达标', 'promotion_gap'],
    ["what's due this week", 'my_tasks'],
    ['how do I get better at coordination', 'recommend_training'],
    ['请用英文回复', 'set_language'],
  ]
  it.each(cases)('%j → %s', (text, intent) => expect(route(text).intent).toBe(intent))
})
