// Data flows one way: core/ imports no SDK, no server, no Prisma, nothing from
// adapters/ or bot/. Inside core, three layers: the kernel (shared types, cards,
// catalogues, routing, ports), the features (one folder each) and the app (the
// dispatch that ties features together). Each imports only downwards, a feature
// uses another only through its index.ts, and no import circles. Read the
// sources and hold the line.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..')
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : []
  })

const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g
/** What core may import besides itself: Node's standard library and zod (schemas at the LLM's tool boundary). */
const ALLOWED_PACKAGES = /^(node:|zod$)/

/** Every import of a file: [specifier, repo-relative target (.ts) or null for a package]. */
function importsOf(file: string): [string, string | null][] {
  const source = readFileSync(file, 'utf8')
  return [...source.matchAll(IMPORT)].map((match) => {
    const spec = match[1] ?? match[2]!
    return [spec, spec.startsWith('.') ? relative(root, join(file, '..', spec)).replace(/\.js$/, '.ts') : null]
  })
}

type Layer = { kind: 'kernel' } | { kind: 'feature'; name: string } | { kind: 'app' }
function layerOf(path: string): Layer | null {
  const feature = /^core\/features\/([^/]+)\//.exec(path)
  if (feature) return { kind: 'feature', name: feature[1]! }
  if (path.startsWith('core/kernel/')) return { kind: 'kernel' }
  if (path.startsWith('core/app/')) return { kind: 'app' }
  return null
}

/** Why `from` may not import `to`, or null when it may. */
function violation(from: string, to: string): string | null {
  const a = layerOf(from)
  const b = layerOf(to)
  if (!a || !b) return `${to} is outside kernel/, features/ and app/`
  if (a.kind === 'kernel' && b.kind !== 'kernel') return 'the kernel imports only the kernel'
  if (a.kind === 'feature' && b.kind === 'app') return 'a feature never imports the app'
  if (a.kind === 'feature' && b.kind === 'feature' && a.name !== b.name && !to.endsWith('/index.ts'))
    return `another feature only through core/features/${b.name}/index.ts`
  if (a.kind === 'feature' && b.kind === 'feature' && a.name === b.name && to.endsWith('/index.ts'))
    return 'a feature imports its own files directly, not through its index'
  return null
}

/** Strongly connected components with more than one file (or a file importing itself). */
function circles(graph: Map<string, string[]>): string[][] {
  let next = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const found: string[][] = []
  const visit = (v: string): void => {
    index.set(v, next)
    low.set(v, next++)
    stack.push(v)
    onStack.add(v)
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!))
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = []
      let w: string
      do {
        w = stack.pop()!
        onStack.delete(w)
        component.push(w)
      } while (w !== v)
      if (component.length > 1 || graph.get(v)?.includes(v)) found.push(component.sort())
    }
  }
  for (const v of graph.keys()) if (!index.has(v)) visit(v)
  return found
}

describe('architecture', () => {
  const coreFiles = files(join(root, 'core'))

  it('finds the core sources', () => {
    expect(coreFiles.length).toBeGreaterThan(30)
  })

  it('core imports only core, the Node standard library and zod', () => {
    const violations: string[] = []
    for (const file of coreFiles) {
      for (const [spec, target] of importsOf(file)) {
        const ok = target ? target.startsWith('core/') : ALLOWED_PACKAGES.test(spec)
        if (!ok) violations.push(`${relative(root, file)} imports ${spec}`)
      }
    }
    expect(violations).toEqual([])
  })

  it('inside core, kernel ← features ← app: nothing imports upwards, features meet only through their index', () => {
    const violations: string[] = []
    for (const file of coreFiles) {
      const from = relative(root, file)
      for (const [spec, target] of importsOf(file)) {
        const why = target?.startsWith('core/') ? violation(from, target) : null
        if (why) violations.push(`${from} imports ${spec}: ${why}`)
      }
    }
    expect(violations).toEqual([])
  })

  it('adapters and bot reach a feature only through its index', () => {
    const outside = [...files(join(root, 'adapters')), ...files(join(root, 'bot'))].filter((f) => !f.includes('/generated/'))
    const violations = outside.flatMap((file) =>
      importsOf(file)
        .filter(([, target]) => target && /^core\/features\/[^/]+\//.test(target) && !target.endsWith('/index.ts'))
        .map(([spec]) => `${relative(root, file)} imports ${spec}`),
    )
    expect(violations).toEqual([])
  })

  it('core has no import circles (type imports included)', () => {
    const graph = new Map(
      coreFiles.map((file) => [
        relative(root, file),
        importsOf(file).flatMap(([, target]) => (target?.startsWith('core/') ? [target] : [])),
      ]),
    )
    expect(circles(graph)).toEqual([])
  })

  it('the circle finder finds circles', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['d']],
      ['e', ['a']],
    ])
    expect(circles(graph)).toEqual([['a', 'b', 'c'], ['d']])
  })

  it('only bot/ reads process.env', () => {
    const readers = [...coreFiles, ...files(join(root, 'adapters')).filter((f) => !f.includes('/generated/'))]
      .filter((f) => /process\.env\b/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f))
    expect(readers).toEqual([])
  })
})
