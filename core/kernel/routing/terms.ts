// Splits canonical text into the terms entity matching compares: English words
// (lightly stemmed) and Chinese character bigrams. Bigrams make partial Chinese
// titles match without a word segmenter: "高级工程师" shares 高级/工程/程师
// with "高级研发工程师".

export interface Term {
  term: string
  start: number
  end: number
}

/** Words that never identify a job or course. */
const STOPWORDS = new Set(
  'a an the of for to in on at with and or by from as is are be am was me my i im ive id mine myself you your it its this that these those what whats which who whos how do does did can could would should will want wanna like please pls plz need needs about into'.split(
    ' ',
  ),
)

/** Words that say "a course" or "a job" without saying which one. */
export const COURSE_GENERIC_WORDS = [
  '课程',
  '课',
  '培训',
  '训练',
  '学习班',
  'course',
  'class',
  'training',
  'program',
  'programme',
  'workshop',
  'module',
  'lesson',
]
export const JOB_GENERIC_WORDS = ['岗位', '职位', '岗', 'job', 'role', 'position', 'title']

const WORD = /[a-z0-9]+|\p{Script=Han}+/gu
const HAN_RUN = /^\p{Script=Han}/u

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word)
}

/** Plural and -ing endings, so "engineers" and "programming" meet "engineer" and "program". */
function stem(word: string): string {
  if (word.length > 5 && word.endsWith('ing')) {
    const base = word.slice(0, -3)
    // "planning" → "plann" → "plan"
    return base.length > 3 && base.at(-1) === base.at(-2) ? base.slice(0, -1) : base
  }
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1)
  return word
}

/**
 * The terms of `text`, with their character positions. `generic` words are
 * skipped (and break Chinese runs, so "企业文化课程" yields the bigrams of 企业文化 only).
 */
export function extractTerms(text: string, generic: ReadonlySet<string>): Term[] {
  const terms: Term[] = []
  for (const match of text.matchAll(WORD)) {
    const word = match[0]
    const start = match.index
    if (!HAN_RUN.test(word)) {
      if (STOPWORDS.has(word) || isGeneric(word, generic)) continue
      terms.push({ term: stem(word), start, end: start + word.length })
      continue
    }
    for (const run of splitHan(word, generic)) {
      for (let i = 0; i + 1 < run.text.length; i++) {
        const at = start + run.offset + i
        terms.push({ term: run.text.slice(i, i + 2), start: at, end: at + 2 })
      }
    }
  }
  return terms
}

// "courses" is generic, "programming" is not (though it stems to "program").
const isGeneric = (word: string, generic: ReadonlySet<string>) =>
  generic.has(word) || (word.endsWith('s') && generic.has(word.slice(0, -1)))

/** Cuts a run of Chinese characters at generic words. */
function splitHan(run: string, generic: ReadonlySet<string>): { text: string; offset: number }[] {
  const parts: { text: string; offset: number }[] = []
  let from = 0
  let i = 0
  while (i < run.length) {
    const word = genericAt(run, i, generic)
    if (!word) {
      i++
      continue
    }
    if (i > from) parts.push({ text: run.slice(from, i), offset: from })
    i += word.length
    from = i
  }
  if (from < run.length) parts.push({ text: run.slice(from), offset: from })
  return parts
}

function genericAt(run: string, i: number, generic: ReadonlySet<string>): string | undefined {
  // Longest first: "学习班" before "课程" before "课".
  for (let length = 3; length >= 1; length--) {
    if (i + length > run.length) continue
    const candidate = run.slice(i, i + length)
    if (generic.has(candidate)) return candidate
  }
  return undefined
}
