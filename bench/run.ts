// `npm run bench`: every benchmark in turn, each in its own process so one's
// memory and warm caches do not flatter the next. `npm run bench -- gap` runs one.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'

const ALL = ['gap', 'intents', 'slack-ingress', 'pipeline', 'pipeline-feishu', 'sweep', 'delivery', 'startup', 'fuzz']
const wanted = process.argv.slice(2)
const names = wanted.length ? wanted : ALL
let failed = 0
for (const name of names) {
  const file = join(import.meta.dirname, `${name}.ts`)
  if (!existsSync(file)) {
    console.error(`no benchmark named "${name}" (have: ${ALL.join(', ')})`)
    failed++
    continue
  }
  console.log(`\n=== ${name} ===`)
  const tsx = join(import.meta.dirname, '..', 'node_modules', 'tsx', 'dist', 'cli.mjs')
  const result = spawnSync(process.execPath, [tsx, file], { stdio: 'inherit' })
  if (result.status !== 0) failed++
}
process.exitCode = failed ? 1 : 0
