// Start-up, as a user feels it: whole processes, timed from outside, median of 5
// runs after one warm-up, beside two yardsticks measured in the same run (`node -e 0`,
// Node's own start; `npx tsc -v`, a small CLI through npx).
// - `node bin/ladder.js help` and `ask` (what `npx ladder …` runs, without npx's own start-up),
//   from the build in dist/ (`npm run build`; `npm install` runs it), on a demo database;
// - `npm start` until GET /readyz answers 200, on that existing database.
// BENCH_RUNS changes the number of runs.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'

const ROOT = join(import.meta.dirname, '..')
const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const PORT = Number(process.env.BENCH_PORT ?? 3917)
if (!existsSync(join(ROOT, 'dist', 'bot', 'cli.js'))) {
  console.error('dist/ is missing: run `npm run build` first')
  process.exit(1)
}

const dir = mkdtempSync(join(tmpdir(), 'ladder-startup-'))
const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATABASE_URL: `file:${join(dir, 'demo.db')}`,
  LOG_LEVEL: 'warn',
  PORT: String(PORT),
  HOST: '127.0.0.1',
}
for (const key of ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'FEISHU_APP_ID', 'FEISHU_APP_SECRET', 'OPENAI_API_KEY'])
  delete env[key]

function timed(command: string, args: string[]): number {
  const t0 = performance.now()
  const result = spawnSync(command, args, { cwd: ROOT, env, stdio: 'ignore' })
  const seconds = (performance.now() - t0) / 1000
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}`)
  return seconds
}

async function untilReady(): Promise<number> {
  const t0 = performance.now()
  const child: ChildProcess = spawn('npm', ['start'], { cwd: ROOT, env, stdio: 'ignore', detached: true })
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start exited ${child.exitCode}`)
      const ok = await fetch(`http://127.0.0.1:${PORT}/readyz`).then(
        (r) => r.status === 200,
        () => false,
      )
      if (ok) return (performance.now() - t0) / 1000
      if (performance.now() - t0 > 60_000) throw new Error('npm start was not ready within 60 s')
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
  } finally {
    // npm runs node in a child: stop the whole group, and wait for the port to be free.
    const exited = new Promise((resolve) => child.once('exit', resolve))
    process.kill(-child.pid!, 'SIGTERM')
    await exited
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

const ask = ['bin/ladder.js', 'ask', '--as', 'li.lei@demo.ladder', 'what do I need for promotion']
const cases: [string, () => number | Promise<number>][] = [
  ['node -e 0', () => timed(process.execPath, ['-e', '0'])],
  ['npx tsc -v', () => timed('npx', ['tsc', '-v'])],
  ['node bin/ladder.js help', () => timed(process.execPath, ['bin/ladder.js', 'help'])],
  ['node bin/ladder.js ask …', () => timed(process.execPath, ask)],
  ['npm start → /readyz 200', untilReady],
]

try {
  timed(process.execPath, ['bin/ladder.js', 'seed-demo'])
  const results = new Map(cases.map(([name]) => [name, [] as number[]]))
  // Interleaved, one warm-up round first: a drift in the machine's speed touches every row alike.
  for (let round = 0; round <= RUNS; round++) {
    for (const [name, run] of cases) {
      const seconds = await run()
      if (round > 0) results.get(name)!.push(seconds)
    }
  }
  console.log(`median of ${RUNS} runs, wall seconds (min–max)`)
  for (const [name, xs] of results)
    console.log(`${name.padEnd(28)} ${median(xs).toFixed(2)} s  (${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)})`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
