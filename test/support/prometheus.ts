// A strict reader of the Prometheus text exposition format (0.0.4): every line is a
// HELP, a TYPE or a sample of a declared family, label values properly quoted,
// values numbers. Throws on the first line that is not.
export interface Sample {
  name: string
  labels: Record<string, string>
  value: number
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*'
const SAMPLE = new RegExp(`^(${NAME})(?:\\{(.*)\\})? (\\S+)(?: (-?\\d+))?$`)
const LABEL = /^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\["\\n])*)"(,|$)/
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped'])
const SUFFIXES: Record<string, string[]> = { histogram: ['_bucket', '_sum', '_count'], summary: ['_sum', '_count', ''] }

/** Values as Prometheus reads them (Go's ParseFloat: NaN and Inf in any case; prom-client writes "Nan" for an empty lag mean). */
function parseValue(text: string, line: string): number {
  if (/^\+?inf(inity)?$/i.test(text)) return Number.POSITIVE_INFINITY
  if (/^-inf(inity)?$/i.test(text)) return Number.NEGATIVE_INFINITY
  if (/^nan$/i.test(text)) return Number.NaN
  if (!/^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) throw new Error(`not a number in: ${line}`)
  return Number(text)
}

function parseLabels(text: string, line: string): Record<string, string> {
  const labels: Record<string, string> = {}
  let rest = text
  while (rest.length > 0) {
    const match = LABEL.exec(rest)
    if (!match) throw new Error(`bad labels in: ${line}`)
    const [whole, key, raw] = match as unknown as [string, string, string]
    if (key in labels) throw new Error(`label ${key} twice in: ${line}`)
    labels[key] = raw.replace(/\\(["\\n])/g, (_, c: string) => (c === 'n' ? '\n' : c))
    rest = rest.slice(whole.length)
  }
  return labels
}

export function parseExposition(text: string): Sample[] {
  const types = new Map<string, string>()
  const samples: Sample[] = []
  const familyOf = (name: string): string | undefined => {
    if (types.has(name)) return name
    for (const [family, type] of types) for (const suffix of SUFFIXES[type] ?? []) if (suffix && name === family + suffix) return family
    return undefined
  }
  for (const line of text.split('\n')) {
    if (line === '') continue
    if (line.startsWith('#')) {
      const help = new RegExp(`^# HELP (${NAME}) .*$`).exec(line)
      const type = new RegExp(`^# TYPE (${NAME}) (\\w+)$`).exec(line)
      if (type) {
        if (!TYPES.has(type[2] as string)) throw new Error(`unknown type in: ${line}`)
        if (types.has(type[1] as string)) throw new Error(`TYPE twice for ${type[1]}`)
        types.set(type[1] as string, type[2] as string)
      } else if (!help) throw new Error(`bad comment line: ${line}`)
      continue
    }
    const match = SAMPLE.exec(line)
    if (!match) throw new Error(`bad sample line: ${line}`)
    const [, name, labels, value] = match as unknown as [string, string, string | undefined, string]
    if (!familyOf(name)) throw new Error(`sample of an undeclared family: ${line}`)
    samples.push({ name, labels: labels ? parseLabels(labels, line) : {}, value: parseValue(value, line) })
  }
  return samples
}
