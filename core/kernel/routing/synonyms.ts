// A small, generic synonym table: the words people use for common job and
// course words, mapped to the word job catalogues usually use. Applied to both
// the message and the catalogue titles, so a company whose title *is* "组长"
// still matches "组长". Nothing here names a particular organisation's job.
import { escapeRegExp } from '../domain/escape-reg-exp.js'

const ENGLISH: Record<string, string> = {
  dev: 'engineer',
  devs: 'engineer',
  developer: 'engineer',
  developers: 'engineer',
  programmer: 'engineer',
  programmers: 'engineer',
  coder: 'engineer',
  swe: 'engineer',
  eng: 'engineer',
  engr: 'engineer',
  sr: 'senior',
  snr: 'senior',
  jr: 'junior',
  mgr: 'manager',
  mgmt: 'management',
  dept: 'department',
  asst: 'assistant',
  deputy: 'assistant',
  leader: 'lead',
  rnd: 'rd',
  hrbp: 'hr business partner',
  'human resources': 'hr',
  'human resource': 'hr',
  biz: 'business',
  proj: 'project',
  comms: 'communication',
  mentorship: 'mentoring',
  py: 'python',
  arch: 'architecture',
}

const CHINESE: Record<string, string> = {
  小组长: '团队负责人',
  组长: '团队负责人',
  团队领导: '团队负责人',
  团队leader: '团队负责人',
  开发工程师: '研发工程师',
  程序员: '工程师',
  码农: '工程师',
  高工: '高级工程师',
  门店经理: '店长',
  店经理: '店长',
  人事: '人力资源',
  营业员: '店员',
  导购: '店员',
}

const byLengthDesc = (a: string, b: string) => b.length - a.length

// One alternation per language, longest first, so "小组长" wins over "组长".
const ENGLISH_PATTERN = new RegExp(`\\b(?:${Object.keys(ENGLISH).sort(byLengthDesc).map(escapeRegExp).join('|')})\\b`, 'g')
const CHINESE_PATTERN = new RegExp(Object.keys(CHINESE).sort(byLengthDesc).map(escapeRegExp).join('|'), 'g')

/** Rewrites synonyms in normalized (lower-case) text to their canonical word. */
export function canonicalize(text: string): string {
  return text.replace(CHINESE_PATTERN, (word) => CHINESE[word] ?? word).replace(ENGLISH_PATTERN, (word) => ENGLISH[word] ?? word)
}
