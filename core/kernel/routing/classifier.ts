// A small statistical intent classifier: character n-grams for Chinese, words,
// word pairs and character n-grams for Latin text, and a multinomial logistic
// regression over them. The weights are data (intent-model.json), trained from
// the labelled corpus by scripts/train-intent-model.ts; this file only reads
// them. Rules know the words we thought of; n-grams carry what the corpus shows
// about the words we did not.

export interface IntentModel {
  /** Intent names, in the order of every weight vector. */
  intents: string[]
  bias: number[]
  /** Feature → one weight per intent. */
  weights: Map<string, Float32Array>
}

/**
 * The model as committed: weights quantised to signed bytes (one row per feature,
 * one byte per intent) in base64, features newline-separated. About a tenth of
 * the size of plain JSON, and it loads in a few milliseconds.
 */
export interface PackedIntentModel {
  intents: string[]
  bias: number[]
  scale: number
  features: string
  weights: string
}

export interface IntentProbability {
  intent: string
  p: number
}

const CJK_RUN = /[\u3400-\u9fff\uf900-\ufaff]+/g
const LATIN_WORD = /@?[a-z0-9][a-z0-9_-]*/g
/** Words too common to say anything alone (they still count inside word pairs). */
/** Chinese character n-gram sizes: characters and pairs carry most of the meaning; triples overfit a small corpus. */
const CJK_GRAMS = [1, 2]
/** Character n-grams of Latin words, so "promtion" still shares most features with "promotion". */
const LATIN_GRAMS = [4]
const STOP = new Set(['the', 'a', 'an', 'to', 'of', 'is', 'are', 'be', 'and', 'or', 'in', 'on', 'it', 'for'])

/**
 * The features of a normalised, entity-masked text ("@job", "@course" and
 * "@person" stand for what was named). Order-free and repeated features count once.
 */
export function featuresOf(text: string): string[] {
  const features = new Set<string>()
  for (const [run] of text.matchAll(CJK_RUN)) {
    for (const n of CJK_GRAMS) for (let i = 0; i + n <= run.length; i++) features.add(`c:${run.slice(i, i + n)}`)
  }
  const words = [...text.matchAll(LATIN_WORD)].map(([w]) => w)
  words.forEach((word, i) => {
    if (!STOP.has(word)) features.add(`w:${word}`)
    if (i > 0) features.add(`b:${words[i - 1]} ${word}`)
    if (word.length >= 3 && !word.startsWith('@')) {
      const padded = `<${word}>`
      for (const n of LATIN_GRAMS) for (let j = 0; j + n <= padded.length; j++) features.add(`g:${padded.slice(j, j + n)}`)
    }
  })
  // Masked entities also stand alone, so "@job" near Chinese text is seen.
  for (const entity of ['@job', '@course', '@person', '@team']) if (text.includes(entity)) features.add(`e:${entity}`)
  if (features.size === 0) features.add('empty')
  return [...features]
}

/** Probabilities per intent, most likely first. */
export function classify(text: string, model: IntentModel): IntentProbability[] {
  const scores = [...model.bias]
  for (const feature of featuresOf(text)) {
    const row = model.weights.get(feature)
    if (row) for (let c = 0; c < row.length; c++) scores[c]! += row[c]!
  }
  return softmax(scores)
    .map((p, i) => ({ intent: model.intents[i]!, p }))
    .sort((a, b) => b.p - a.p)
}

export function softmax(scores: number[]): number[] {
  const max = Math.max(...scores)
  const exps = scores.map((s) => Math.exp(s - max))
  const sum = exps.reduce((a, b) => a + b, 0)
  return exps.map((e) => e / sum)
}

export interface TrainingOptions {
  epochs?: number
  /** AdaGrad step size. */
  rate?: number
  /** L2 penalty per step. */
  l2?: number
  /** Features seen in fewer examples than this are left out: a feature seen once is mostly noise. */
  minCount?: number
  /** Deterministic shuffling. */
  seed?: number
}

/**
 * Multinomial logistic regression by AdaGrad over the examples' features. Pure and
 * deterministic (seeded shuffle), so the committed model is reproducible.
 */
export function trainIntentModel(examples: { text: string; intent: string }[], options: TrainingOptions = {}): IntentModel {
  const { epochs = 10, rate = 0.1, l2 = 1e-4, minCount = 2, seed = 1 } = options
  const intents = [...new Set(examples.map((e) => e.intent))].sort()
  const indexOf = new Map(intents.map((name, i) => [name, i]))
  const k = intents.length
  const counts = new Map<string, number>()
  const featured = examples.map((e) => featuresOf(e.text))
  for (const features of featured) for (const f of features) counts.set(f, (counts.get(f) ?? 0) + 1)
  const rows = examples.map((e, i) => ({
    features: featured[i]!.filter((f) => counts.get(f)! >= minCount),
    label: indexOf.get(e.intent)!,
  }))
  const weights = new Map<string, Float64Array>()
  const squared = new Map<string, Float64Array>()
  const bias = new Float64Array(k)
  const biasSquared = new Float64Array(k).fill(1e-8)
  const vector = (map: Map<string, Float64Array>, feature: string, fill = 0) => {
    let v = map.get(feature)
    if (!v) {
      v = new Float64Array(k).fill(fill)
      map.set(feature, v)
    }
    return v
  }
  let state = seed
  const random = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const order = rows.map((_, i) => i)
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1))
      ;[order[i], order[j]] = [order[j]!, order[i]!]
    }
    for (const r of order) {
      const { features, label } = rows[r]!
      const scores = Array.from(bias)
      for (const f of features) {
        const w = weights.get(f)
        if (w) for (let c = 0; c < k; c++) scores[c]! += w[c]!
      }
      const p = softmax(scores)
      for (let c = 0; c < k; c++) {
        const g = p[c]! - (c === label ? 1 : 0)
        biasSquared[c]! += g * g
        bias[c]! -= (rate * g) / Math.sqrt(biasSquared[c]!)
        for (const f of features) {
          const w = vector(weights, f)
          const s = vector(squared, f, 1e-8)
          const grad = g + l2 * w[c]!
          s[c]! += grad * grad
          w[c]! -= (rate * grad) / Math.sqrt(s[c]!)
        }
      }
    }
  }
  const sorted = [...weights].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return { intents, bias: Array.from(bias), weights: new Map(sorted.map(([f, w]) => [f, Float32Array.from(w)])) }
}

/** Quantises the weights to signed bytes; features whose weights all round to zero are dropped. */
export function packIntentModel(model: IntentModel): PackedIntentModel {
  let max = 0
  for (const row of model.weights.values()) for (const w of row) max = Math.max(max, Math.abs(w))
  const scale = max / 127 || 1
  const features: string[] = []
  const bytes: number[] = []
  for (const [feature, row] of model.weights) {
    const quantised = Array.from(row, (w) => Math.round(w / scale))
    if (quantised.every((q) => q === 0)) continue
    features.push(feature)
    bytes.push(...quantised.map((q) => q & 0xff))
  }
  return {
    intents: model.intents,
    bias: model.bias.map((b) => Math.round(b * 1000) / 1000),
    scale,
    features: features.join('\n'),
    weights: btoa(bytes.map((b) => String.fromCharCode(b)).join('')),
  }
}

export function unpackIntentModel(packed: PackedIntentModel): IntentModel {
  const k = packed.intents.length
  // Plain loops over one buffer: this runs at every start, and Int8Array.from /
  // Float32Array.from with a callback per byte took ~150 ms of a CLI command's start.
  const raw = atob(packed.weights)
  const all = new Float32Array(raw.length)
  for (let i = 0; i < raw.length; i++) all[i] = ((raw.charCodeAt(i) << 24) >> 24) * packed.scale
  const weights = new Map<string, Float32Array>()
  const features = packed.features.split('\n')
  for (let i = 0; i < features.length; i++) weights.set(features[i]!, all.subarray(i * k, (i + 1) * k))
  return { intents: packed.intents, bias: packed.bias, weights }
}
