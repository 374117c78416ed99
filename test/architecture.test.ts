// Data flows one way: core/ imports no SDK, no server, no Prisma, nothing from
// adapters/ or bot/. Read the sources and hold the line.
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

describe('architecture', () => {
  const coreFiles = files(join(root, 'core'))

  it('finds the core sources', () => {
    expect(coreFiles.length).toBeGreaterThan(30)
  })

  it('core imports only core, the Node standard library and zod', () => {
    const violations: string[] = []
    for (const file of coreFiles) {
      const source = readFileSync(file, 'utf8')
      for (const match of source.matchAll(IMPORT)) {
        const spec = match[1] ?? match[2]!
        const isRelative = spec.startsWith('.')
        const target = isRelative ? relative(root, join(file, '..', spec)) : spec
        const ok = isRelative ? target.startsWith('core/') : ALLOWED_PACKAGES.test(spec)
        if (!ok) violations.push(`${relative(root, file)} imports ${spec}`)
      }
    }
    expect(violations).toEqual([])
  })

  it('only bot/ reads process.env', () => {
    const readers = [...coreFiles, ...files(join(root, 'adapters')).filter((f) => !f.includes('/generated/'))]
      .filter((f) => /process\.env\b/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f))
    expect(readers).toEqual([])
  })
})
