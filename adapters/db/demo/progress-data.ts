// The demo's moving parts as plain data: who stands where, what each person has
// been assigned and asked to do. Days are relative to the seeding day, so the demo
// always has things due soon and things overdue. The people are in examples/demo/
// employees.csv; docs/demo-people.md tells what to try as each of them.

/** Latest attainment per dimension code; older, lower rows are derived from these. */
export const LATEST: Record<string, Record<string, number>> = {
  // The seed article's example: 80/75/60/90 at 30/40/20/10 → 75 % for RD3, project experience the largest gap.
  'li.lei': {
    professional_knowledge: 80,
    technical_skill: 75,
    project_experience: 60,
    culture: 90,
    team_management: 70,
    project_coordination: 65,
  },
  'alex.chen': { professional_knowledge: 65, technical_skill: 70, project_experience: 40, culture: 85 },
  // Two RD2 engineers ready for Team Lead (MG1).
  'zhao.qiang': {
    professional_knowledge: 88,
    technical_skill: 65,
    project_experience: 80,
    culture: 90,
    team_management: 85,
    project_coordination: 82,
  },
  'sun.li': {
    professional_knowledge: 84,
    technical_skill: 70,
    project_experience: 75,
    culture: 88,
    team_management: 82,
    project_coordination: 86,
  },
  // Meets Staff R&D Engineer (RD3) on every dimension, but scored 72 in TECH-EXAM (80 required).
  'zheng.yu': {
    professional_knowledge: 85,
    technical_skill: 88,
    project_experience: 82,
    culture: 85,
    team_management: 60,
    project_coordination: 62,
  },
  'zhou.ting': { professional_knowledge: 60, technical_skill: 62, project_experience: 35, culture: 80 },
  'wu.hao': { professional_knowledge: 55, technical_skill: 58, project_experience: 30, culture: 75 },
  'lin.feng': { professional_knowledge: 92, technical_skill: 95, project_experience: 90, culture: 88 },
  'daniel.smith': { professional_knowledge: 78, technical_skill: 82, project_experience: 70, culture: 80 },
  'huang.lei': { professional_knowledge: 70, technical_skill: 78, project_experience: 55, culture: 82 },
  'xu.jing': { professional_knowledge: 58, technical_skill: 60, project_experience: 40, culture: 70 },
  'he.bin': { professional_knowledge: 62, technical_skill: 66, project_experience: 45, culture: 70 },
  'han.meimei': { team_management: 80, project_coordination: 78, business: 70, culture: 92 },
  'ma.jun': { team_management: 86, project_coordination: 84, business: 82, culture: 85 },
  'guo.peng': { team_management: 78, project_coordination: 80, business: 76, culture: 85 },
  'ding.hui': { professional_knowledge: 76, technical_skill: 74, project_experience: 68, culture: 84 },
  'cao.min': { professional_knowledge: 60, technical_skill: 65, project_experience: 42, culture: 80 },
  // Meets Store Manager (RT3) on every dimension but has no Store Operations Certificate yet.
  'liu.yang': { business: 85, team_management: 78, customer_service: 88, culture: 90 },
  'yang.xue': { business: 72, customer_service: 80, team_management: 55, culture: 85 },
  'he.jing': { business: 80, customer_service: 85, team_management: 70, culture: 88 },
  'luo.bin': { business: 60, customer_service: 70, team_management: 40, culture: 80 },
  'xie.na': { business: 55, customer_service: 65, team_management: 35, culture: 78 },
  'james.wilson': { business: 65, customer_service: 78, team_management: 45, culture: 80 },
  'tang.yue': { business: 75, customer_service: 82, team_management: 70, culture: 85 },
  'zhang.wei': { team_management: 82, project_coordination: 72, business: 88, culture: 90 },
  'sophie.martin': { team_management: 80, project_coordination: 70, business: 85, culture: 88 },
  'emma.clark': { professional_knowledge: 70, communication: 82, project_coordination: 65, culture: 85 },
  'tang.li': { professional_knowledge: 78, communication: 75, project_coordination: 72, culture: 88 },
}

/**
 * [person, course, status, source, due in days (negative: past), score, how a completion was verified].
 * A manager's assignment is recorded as assigned by the person's manager.
 */
export const ASSIGNMENTS: [string, string, string, string, number | null, number | null, string?][] = [
  ['li.lei', 'RD-101', 'assigned', 'manager', 2, null],
  ['li.lei', 'RD-201', 'overdue', 'manager', -3, null],
  ['li.lei', 'CU-101', 'completed', 'hr', -14, 92, 'quiz'],
  ['alex.chen', 'RD-202', 'assigned', 'self', 10, null],
  ['alex.chen', 'CU-101', 'completed', 'hr', -30, 88, 'quiz'],
  ['zhou.ting', 'RD-101', 'in_progress', 'self', 20, null],
  ['wu.hao', 'RD-203', 'overdue', 'hr', -6, null],
  ['wu.hao', 'CU-101', 'assigned', 'broadcast', 1, null],
  ['zhao.qiang', 'MG-101', 'completed', 'manager', -60, 88, 'quiz'],
  ['zhao.qiang', 'MG-201', 'assigned', 'programme', 30, null],
  ['sun.li', 'MG-101', 'completed', 'manager', -45, 90, 'quiz'],
  ['zheng.yu', 'RD-301', 'in_progress', 'manager', 45, null],
  ['huang.lei', 'RD-201', 'waived', 'hr', null, null],
  ['xu.jing', 'RD-202', 'assigned', 'broadcast', 6, null],
  ['ma.jun', 'MG-201', 'completed', 'programme', -90, 86, 'manager'],
  ['guo.peng', 'MG-201', 'in_progress', 'programme', 25, null],
  // Finished the certification workshop: awaiting Zhang Wei's confirmation, which grants STORE-OPS-CERT.
  ['liu.yang', 'RT-201', 'reported', 'manager', 14, null],
  ['yang.xue', 'RT-101', 'assigned', 'manager', 4, null],
  ['he.jing', 'RT-101', 'completed', 'manager', -20, 95, 'quiz'],
  ['luo.bin', 'CU-101', 'completed', 'broadcast', -10, 85, 'quiz'],
  ['xie.na', 'RT-102', 'overdue', 'manager', -5, null],
  ['james.wilson', 'RT-102', 'assigned', 'manager', 8, null],
  ['james.wilson', 'CU-101', 'overdue', 'broadcast', -2, null],
  ['emma.clark', 'HR-201', 'assigned', 'self', 12, null],
]

/** [kind, assignee, subject or null, status, due in days, dimension (a reassessment's)] */
export const EVALUATIONS: [string, string, string | null, string, number, string?][] = [
  ['supervisor_evaluation', 'han.meimei', 'li.lei', 'open', 5],
  ['supervisor_evaluation', 'han.meimei', 'wu.hao', 'overdue', -4],
  ['supervisor_evaluation', 'han.meimei', 'zhou.ting', 'completed', -7],
  ['self_evaluation', 'li.lei', 'li.lei', 'open', 7],
  ['self_evaluation', 'alex.chen', 'alex.chen', 'open', 3],
  ['rating_360', 'zhao.qiang', 'li.lei', 'overdue', -1],
  ['rating_360', 'sun.li', 'li.lei', 'completed', -2],
  ['rating_360', 'ding.hui', 'guo.peng', 'open', 9],
  ['rating_360', 'cao.min', 'guo.peng', 'completed', -3],
  ['rating_360', 'sun.gang', 'guo.peng', 'open', 9],
  ['reflection', 'guo.peng', null, 'open', 6],
  ['reflection', 'ma.jun', null, 'completed', -40],
  ['supervisor_evaluation', 'zhang.wei', 'liu.yang', 'open', 10],
  ['supervisor_evaluation', 'zhang.wei', 'xie.na', 'overdue', -2],
  ['supervisor_evaluation', 'sophie.martin', 'james.wilson', 'open', 12],
  ['supervisor_evaluation', 'ma.jun', 'he.bin', 'cancelled', -30],
  // He Jing passed the RT-101 quiz: Zhang Wei re-rates her business skill.
  ['reassessment', 'zhang.wei', 'he.jing', 'open', 4, 'business'],
]

/** [person, kind, key, value, obtained days ago] — the importer adds the course evidence of completed trainings. */
export const EVIDENCE: [string, string, string, number | null, number][] = [
  ['zheng.yu', 'score', 'TECH-EXAM', 72, 50],
  ['lin.feng', 'score', 'TECH-EXAM', 91, 400],
  ['daniel.smith', 'score', 'TECH-EXAM', 85, 120],
  ['daniel.smith', 'experience', 'Acme Medical Devices', 3, 2200],
  ['zhang.wei', 'certificate', 'STORE-OPS-CERT', null, 900],
  ['sophie.martin', 'certificate', 'STORE-OPS-CERT', null, 700],
]
