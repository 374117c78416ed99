// "谁负责需求分析" / "who is responsible for requirement analysis": the duty phrase
// is cut out of the question, then matched against the duties in force — Chinese
// by character bigrams, English by word stems — and ranked by the share of the
// phrase a duty covers. Below the threshold nothing matches: "谁负责报销" in a
// company whose job descriptions never mention 报销 answers "no duty matches".
import type { JobDescriptionItemRecord, JobDescriptionRecord } from './ports.js'

/** Share of the phrase's tokens a duty must cover to match. */
const MATCH_THRESHOLD = 0.6
/** Matching duties answered at most. */
const MAX_MATCHES = 5

// Question scaffolding, longest first where one contains another.
const ZH_SCAFFOLD = [
  /^(请问|想问一下|问一下|我想知道|你知道)/,
  /(主要|一般|到底|究竟|应该|平时)/g,
  /(由谁|归谁|该谁|谁来|是谁|谁)(来)?(负责|管|做|干|处理|跟进|管理)?/g,
  /(是|归)?(哪个|哪位|什么|哪一个)(岗位|角色|职位|部门|人|同事|团队)?(的)?(负责|管|做|来做)?/g,
  /(的)?(负责人|职责|工作|责任|事情|事儿|事|活儿|活)(是)?$/g,
  /^(负责|管)/,
  /[呢吗啊呀吧嘛]+$/,
]
const EN_SCAFFOLD = [
  /\b(who|whom)('s| is| are)? (responsible|accountable|in charge)( for| of)?\b/g,
  /\bwhose (job|duty|responsibility|task|role) is( it)?( to)?\b/g,
  /\b(which|what) (job|role|team|position|department|person)( is)?( responsible for| in charge of| owns| handles| does| takes care of)?\b/g,
  /\bwho (owns|handles|does|takes care of|looks after|should do|must do|is meant to do|is supposed to do)\b/g,
  /\b(responsible for|in charge of|the owner of|owner of|owns)\b/g,
  /\b(please|tell me|do you know|can you tell me)\b/g,
]

/**
 * The duty a question asks about, without its scaffolding: "谁负责需求分析" → "需求分析",
 * "需求分析归产品经理还是研发?" → "需求分析", "who is responsible for requirement analysis" →
 * "requirement analysis". Empty when the question names no duty ("谁负责?").
 */
export function dutyPhrase(question: string): string {
  let text = question
    .trim()
    .toLowerCase()
    .replace(/['’]s\b/g, ' is')
    .replace(/[?？。.!！，,、；;：:"“”'‘’]+/g, ' ')
    .trim()
  // "X 归 A 还是 B" / "X 是 A 还是 B 的": the dispute is about X.
  const either = /^(.+?)(归|是|由|属于|算)(.+?)还是(.+)$/.exec(text)
  if (either) text = either[1]!
  const orEn =
    /^(?:(?:does|is|should) )?(.+?) (?:belong to|belongs to|fall under|falls under|is owned by|sit with|sits with|go to) .+ or .+$/.exec(
      text,
    )
  if (orEn) text = orEn[1]!
  for (const pattern of [...ZH_SCAFFOLD, ...EN_SCAFFOLD]) text = text.replace(pattern, ' ')
  // Nothing left ("谁负责?"): the caller asks which duty is meant.
  return text.replace(/\s+/g, ' ').trim()
}

const EN_STOP = new Set([
  'a',
  'an',
  'the',
  'of',
  'for',
  'to',
  'in',
  'on',
  'and',
  'or',
  'is',
  'are',
  'be',
  'it',
  'who',
  'what',
  'which',
  'do',
  'does',
  'job',
  'duty',
  'duties',
  'task',
  'our',
  'my',
  'we',
  'by',
  'with',
])
const ZH_FILLER = /[的了是和与及并在把对为]/g

/** A light English stemmer: enough that "counts", "counting" and "count" meet. */
export function stem(word: string): string {
  let w = word
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`
  else if (w.endsWith('sses')) w = w.slice(0, -2)
  else if (w.length > 3 && w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1)
  for (const [suffix, min] of [
    ['ment', 7],
    ['ing', 6],
    ['ed', 5],
    ['er', 5],
  ] as const) {
    if (w.length >= min && w.endsWith(suffix)) {
      w = w.slice(0, -suffix.length)
      break
    }
  }
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1)
  return w
}

/** The tokens a text is matched by: bigrams of its Chinese runs (a lone character alone), stems of its other words. */
function dutyTokens(text: string): Set<string> {
  const tokens = new Set<string>()
  const lower = text.toLowerCase()
  for (const run of lower.replace(ZH_FILLER, ' ').match(/[\u3400-\u9fff]+/g) ?? []) {
    if (run.length === 1) tokens.add(run)
    for (let i = 0; i + 1 < run.length; i++) tokens.add(run.slice(i, i + 2))
  }
  for (const word of lower.match(/[a-z0-9]+/g) ?? []) if (!EN_STOP.has(word)) tokens.add(stem(word))
  return tokens
}

export interface DutyMatch {
  description: JobDescriptionRecord
  duty: JobDescriptionItemRecord
  /** Share of the phrase's tokens the duty covers, 0–1. */
  score: number
}

/** The duties (of the descriptions given, those in force) that cover the phrase, best first. */
export function searchDuties(descriptions: readonly JobDescriptionRecord[], phrase: string): DutyMatch[] {
  const wanted = dutyTokens(phrase)
  if (wanted.size === 0) return []
  const matches: DutyMatch[] = []
  for (const description of descriptions) {
    for (const duty of description.items) {
      if (duty.section !== 'duty') continue
      const have = new Set([...dutyTokens(duty.text.zh), ...dutyTokens(duty.text.en)])
      let covered = 0
      for (const token of wanted) if (have.has(token)) covered++
      const score = covered / wanted.size
      if (score >= MATCH_THRESHOLD) matches.push({ description, duty, score })
    }
  }
  return matches
    .sort((a, b) => b.score - a.score || a.description.jobId - b.description.jobId || a.duty.position - b.duty.position)
    .slice(0, MAX_MATCHES)
}

/** The job that owns a matched duty: its owner role when given, else the job it describes. */
export const owningJobId = (m: Pick<DutyMatch, 'description' | 'duty'>): number => m.duty.ownerJobId ?? m.description.jobId
