// The templates HR can start from chat without a file: the reserve-cadre programme
// of examples/programmes/reserve-cadre.json (a test keeps the two the same).
export const BUILT_IN_TEMPLATES: readonly unknown[] = [
  {
    code: 'reserve-cadre',
    name: {
      zh: '后备干部培养',
      en: 'Reserve cadre programme',
    },
    description: {
      zh: '培训(1 个月)→ 学习心得(1 周)→ 360 民主测评(2 周)→ 上级评价(1 周)→ 结果应用。每个阶段都会提醒,直到提交为止。',
      en: 'Training (1 month) → learning reflection (1 week) → 360° review (2 weeks) → supervisor evaluation (1 week) → result applied. Every stage is nagged until it is submitted.',
    },
    raters360: {
      manager: true,
      peers: 3,
      reports: 3,
      self: false,
    },
    stages: [
      {
        key: 'training',
        kind: 'training',
        name: {
          zh: '培训',
          en: 'Training',
        },
        durationDays: 30,
        courses: ['MG-201', 'MG-101'],
        instructions: {
          zh: '完成后备干部培训与团队管理基础课程。',
          en: 'Complete the reserve cadre training and Team Management Fundamentals.',
        },
      },
      {
        key: 'reflection',
        kind: 'reflection',
        name: {
          zh: '提交学习心得',
          en: 'Learning reflection',
        },
        durationDays: 7,
        instructions: {
          zh: '培训结束后一周内提交学习心得。',
          en: 'Hand in your learning reflection within a week of the training.',
        },
      },
      {
        key: 'review-360',
        kind: 'rating_360',
        name: {
          zh: '360 民主测评',
          en: '360° review',
        },
        durationDays: 14,
        instructions: {
          zh: '上级、同事、下属对后备干部进行 360 度评价。',
          en: 'The manager, peers and reports give 360° feedback on the participant.',
        },
      },
      {
        key: 'supervisor',
        kind: 'supervisor_evaluation',
        name: {
          zh: '上级评价',
          en: 'Supervisor evaluation',
        },
        durationDays: 7,
        instructions: {
          zh: '上级根据培训表现、心得质量和测评结果给出评价。',
          en: 'The manager evaluates, drawing on training, reflection and the 360° results.',
        },
      },
      {
        key: 'result',
        kind: 'result',
        name: {
          zh: '结果应用',
          en: 'Result applied',
        },
        durationDays: 0,
        instructions: {
          zh: 'HR 汇总数据,形成后备干部培养档案,用于岗位调整。',
          en: 'HR compiles the record of each participant for future appointments.',
        },
      },
    ],
  },
]
