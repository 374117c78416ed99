export const careers = {
  'paths.title': 'Your career paths',
  'paths.titleOf': "{name}'s career paths",
  'paths.subtitle': 'From {job}',
  'paths.from':
    '{n, plural, one {# path leads} other {# paths lead}} on from {job}. For each: where you stand, the largest gaps and where it leads next.',
  'paths.track': '{track} track',
  'paths.ready': '✅ Ready by the standard',
  'paths.notReady':
    'Not yet — {overall} of {threshold}% needed; {unmet, plural, one {# hard requirement} other {# hard requirements}} open',
  'paths.gaps': 'Largest gaps: {gaps}',
  'paths.then': 'Then: {jobs}',
  'paths.seeGap': 'Full gap for {job}',
  'paths.noStandard': 'No qualification standard is published for this step yet.',
  'paths.noJob': 'Your current job is not recorded, so I cannot tell which paths start from it. Ask HR to update your record.',
  'paths.none':
    'No promotion path is defined from {job} yet. HR can add one; you can still compare yourself with any job: “what do I need for <job>?”.',
  'jd.title': 'About the job: {job}',
  'jd.titleOwn': 'Your job: {job}',
  'jd.fromStandard': 'What the qualification standard expects of this job, by weight (no separate job description is published yet):',
  'jd.comesFrom': 'Comes from: {jobs}',
  'jd.leadsTo': 'Leads to: {jobs}',
  'jd.requirements': 'Weights and requirements',
  'jd.noJob': 'Your current job is not recorded. Name a job, e.g. “what does a store manager do?”.',
}
