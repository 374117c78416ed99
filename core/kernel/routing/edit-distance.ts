// Bounded Damerau–Levenshtein (optimal string alignment) distance: typo
// tolerance for words such as "enginer", "senoir", "promtion".

/**
 * True when `a` becomes `b` with at most `max` single-character edits
 * (insert, delete, substitute, swap two neighbours). With
 * `allowSubstitution` false, substitutions are not counted as one edit (two
 * different real words of the same length, "score"/"store", should not meet).
 */
export function isWithinEdits(a: string, b: string, max: number, allowSubstitution = true): boolean {
  if (Math.abs(a.length - b.length) > max) return false
  const substitution = allowSubstitution ? 1 : 2
  let previous2: number[] = []
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    let rowMin = i
    for (let j = 1; j <= b.length; j++) {
      const same = a[i - 1] === b[j - 1]
      let cost = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (same ? 0 : substitution))
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cost = Math.min(cost, previous2[j - 2]! + 1)
      current.push(cost)
      rowMin = Math.min(rowMin, cost)
    }
    if (rowMin > max) return false
    previous2 = previous
    previous = current
  }
  return previous[b.length]! <= max
}
