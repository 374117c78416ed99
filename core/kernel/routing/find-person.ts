// Who a question is about, when it names someone: "李雷晋升还差什么", "what does
// Li Lei need for promotion?", "alex.chen@demo.ladder's gap". The store narrows
// the employees to those whose name occurs in the text; this decides which
// occurrences are real mentions (whole words for Latin names, so "Tom" is not
// found in "tomorrow") and picks the first one that is not the asker.
import { escapeRegExp } from '../domain/escape-reg-exp.js'
import { hasCjk } from '../domain/has-cjk.js'
import type { Employee } from '../domain/types.js'

/** Where `name` occurs in `text` as a mention, or -1. */
function positionOf(text: string, name: string): number {
  const trimmed = name.trim()
  if (trimmed.length < 2) return -1
  // Chinese is written without spaces: any occurrence of a full name counts.
  if (hasCjk(trimmed)) return text.indexOf(trimmed)
  if (trimmed.length < 3) return -1
  const words = trimmed.split(/\s+/)
  // A one-word name may be a word too ("Will", "Grace"): only as written, capitalised.
  const flags = words.length > 1 || trimmed.includes('@') ? 'iu' : 'u'
  const match = new RegExp(`(?<![\\p{L}\\p{N}])${words.map(escapeRegExp).join('[\\s._-]*')}(?![\\p{L}\\p{N}])`, flags).exec(text)
  return match ? match.index : -1
}

export interface PersonMention {
  employee: Employee
  /** Where in the text the mention starts. */
  at: number
}

/** The people named in `text` other than the asker, first mention first. */
export function peopleNamedIn(text: string, candidates: readonly Employee[], askerId: number): PersonMention[] {
  const found: PersonMention[] = []
  for (const employee of candidates) {
    if (employee.id === askerId) continue
    const positions = [employee.name, employee.nameEn ?? '', employee.email].map((name) => positionOf(text, name)).filter((p) => p >= 0)
    if (positions.length > 0) found.push({ employee, at: Math.min(...positions) })
  }
  return found.sort((a, b) => a.at - b.at || a.employee.id - b.employee.id)
}

/**
 * The people among `candidates` whose English given name alone ("Alex" of "Alex
 * Chen") is written in `text` as a capitalised word. A manager names their own
 * people this way; the caller accepts the answer only when it is one person.
 */
export function givenNameMentions(text: string, candidates: readonly Employee[], askerId: number): PersonMention[] {
  const found: PersonMention[] = []
  for (const employee of candidates) {
    const [given, ...rest] = (employee.nameEn ?? '').trim().split(/\s+/)
    if (employee.id === askerId || !given || rest.length === 0 || given.length < 3) continue
    const at = positionOf(text, given)
    if (at >= 0) found.push({ employee, at })
  }
  return found.sort((a, b) => a.at - b.at || a.employee.id - b.employee.id)
}
