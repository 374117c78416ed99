// `npm run build` (and so `npm install` / `npm ci`): the runtime code — bot/, core/,
// adapters/ — compiled from TypeScript and bundled by esbuild into dist/, run by plain
// Node (`npm start`, `npx ladder`). One file per entry point (the server, the CLI) and
// per CLI command, with the code they share in chunks beside them; packages in
// node_modules stay imports. Why a bundle rather than a file-by-file transpile: Node
// resolves, reads and links each ES module on its own, and for a CLI question that was
// ~200 of ours, a third of its start-up (`ladder ask` 0.62 s → 0.52 s here).
// No type check: `npx tsc --noEmit` is the type check.
// Usage: node scripts/build.mjs [outdir [entry.ts …]] — other entry points for benchmarks
// that measure a job as the built server runs it (bench/sweep.ts).
import { rmSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const outdir = resolve(root, process.argv[2] ?? 'dist')
const entryPoints = process.argv.length > 3 ? process.argv.slice(3) : ['bot/main.ts', 'bot/cli.ts']

rmSync(outdir, { recursive: true, force: true })
await build({
  absWorkingDir: root,
  entryPoints,
  outbase: '.',
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  packages: 'external',
  // The project's files (migrations, the demo, prompts, the console's static files) are
  // found from the project's root, the nearest package.json above dist/ (project-root.ts).
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
})
