// What `npm install` builds and `npx ladder` / `npm start` run: the runtime code
// bundled to JavaScript (scripts/build.mjs) and run by plain Node. It is built
// here afresh, into a folder of its own under the project's tmp/ (so the project's
// files - migrations, the demo, the console's static files, prompts - are found
// from it as from dist/), with a copy of bin/ladder.js beside it. Its answers must
// be those of the sources.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { COMMANDS } from '../../bot/command-table.js'
import { ROOT } from './helpers.js'

mkdirSync(join(ROOT, 'tmp'), { recursive: true })
const dir = mkdtempSync(join(ROOT, 'tmp', 'built-cli-'))
const bin = join(dir, 'bin', 'ladder.js')
const db = (name: string) => `file:${join(dir, name)}`
const env = (url: string) => {
  const e: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url, LADDER_DEMO: 'false', LOG_LEVEL: 'warn' }
  for (const key of ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'FEISHU_APP_ID', 'FEISHU_APP_SECRET', 'OPENAI_API_KEY', 'CONSOLE_ENABLED'])
    delete e[key]
  return e
}

function run(args: string[], url = db('cli.db')) {
  const result = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: env(url), timeout: 60_000 })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

let server: ChildProcess | undefined

beforeAll(() => {
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), join(dir, 'dist')], { cwd: ROOT, encoding: 'utf8' })
  expect(build.stdout + build.stderr).toBe('')
  expect(build.status).toBe(0)
  mkdirSync(join(dir, 'bin'))
  copyFileSync(join(ROOT, 'bin', 'ladder.js'), bin)
}, 120_000)

afterAll(() => {
  server?.kill('SIGKILL')
  rmSync(dir, { recursive: true, force: true })
})

describe('the built CLI (bin/ladder.js running dist/)', { timeout: 90_000 }, () => {
  it('bundles the server and the CLI, importing only runtime dependencies', () => {
    expect(existsSync(join(dir, 'dist', 'bot', 'main.js'))).toBe(true)
    expect(existsSync(join(dir, 'dist', 'bot', 'cli.js'))).toBe(true)
    expect(existsSync(join(dir, 'dist', 'test'))).toBe(false)
    // Every package the build still imports must be installed by `npm install --omit=dev`.
    const { dependencies } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }
    const imported = new Set<string>()
    for (const file of readdirSync(join(dir, 'dist'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'))) {
      const source = readFileSync(join(dir, 'dist', file), 'utf8')
      // esbuild writes each static import on lines of its own (`import … from "x";`, `import "x";`).
      const imports = /^(?:import|export)\b[^;]*?"([^"]+)";$|\bimport\("([^"]+)"\)/gm
      for (const [, specifier = '', dynamic = ''] of source.matchAll(imports)) {
        const name = specifier || dynamic
        if (name.startsWith('.') || name.startsWith('node:')) continue
        const parts = name.split('/')
        imported.add(name.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!)
      }
    }
    expect([...imported]).toEqual(expect.arrayContaining(['@slack/bolt', '@larksuiteoapi/node-sdk', '@prisma/client', 'fastify', 'zod']))
    expect([...imported].filter((name) => !Object.hasOwn(dependencies, name))).toEqual([])
  })

  it('prints every command with its summary from the table', () => {
    const help = run([bin, 'help'])
    expect(help.code).toBe(0)
    for (const [name, { summary }] of Object.entries(COMMANDS)) expect(help.stdout).toContain(`  ${name.padEnd(12)} ${summary}`)
    const one = run([bin, 'ask', '--help'])
    expect(one.code).toBe(0)
    expect(one.stdout).toContain('Usage: ladder ask --as <email>')
    expect(run([bin, 'nope']).code).toBe(2)
  })

  it('migrates, seeds the demo and answers as the sources do', () => {
    expect(run([bin, 'seed-demo']).code).toBe(0)
    const question = ['ask', '--as', 'li.lei@demo.ladder', '--json', 'what do I need for promotion']
    const built = run([bin, ...question])
    expect(built.stderr).toBe('')
    expect(built.code).toBe(0)
    const source = run(['--import', 'tsx', 'bot/cli.ts', ...question])
    expect(source.code).toBe(0)
    // Dates in the card are today's in both; the two runs are seconds apart.
    expect(JSON.parse(built.stdout)).toEqual(JSON.parse(source.stdout))
    expect(JSON.parse(built.stdout).intent).toBe('promotion_gap')
  })

  it('starts the server: the demo is seeded, /readyz answers and the console serves its files', async () => {
    const e = { ...env(db('server.db')), PORT: '0', HOST: '127.0.0.1', LADDER_DEMO: 'true' }
    const child = spawn(process.execPath, [join(dir, 'dist', 'bot', 'main.js')], { cwd: ROOT, env: e })
    server = child
    let out = ''
    child.stderr.on('data', (d: Buffer) => {
      out += d
    })
    const base = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d
        const match = /Open the console: (http:\/\/[^/\s]+)\//.exec(out)
        if (match) resolve(match[1]!)
      })
      child.once('exit', (code) => reject(new Error(`the server exited (${code}):\n${out}`)))
    })
    const ready = await fetch(`${base}/readyz`)
    expect(ready.status).toBe(200)
    const page = await fetch(`${base}/console`)
    expect(page.status).toBe(200)
    const script = /src="(\/console\/[^"]*console\.js[^"]*)"/.exec(await page.text())
    expect(script).not.toBeNull()
    expect((await fetch(`${base}${script![1]}`)).status).toBe(200)
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    expect(await exited).toBe(0)
    server = undefined
  })
})

describe('bin/ladder.js without a build', () => {
  it('says how to build, and fails', () => {
    const alone = mkdtempSync(join(ROOT, 'tmp', 'no-build-'))
    try {
      mkdirSync(join(alone, 'bin'))
      copyFileSync(join(ROOT, 'bin', 'ladder.js'), join(alone, 'bin', 'ladder.js'))
      const result = run([join(alone, 'bin', 'ladder.js'), 'help'])
      expect(result.code).toBe(1)
      expect(result.stderr).toContain('npm run build')
    } finally {
      rmSync(alone, { recursive: true, force: true })
    }
  })
})
