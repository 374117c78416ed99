// Malformed-payload fuzz of every chat endpoint (issue 17, finding 5): POST
// /slack/events (Events API, interactivity, slash commands), /feishu/events,
// /feishu/cards and the console's JSON routes on the real server wiring (in-process, fastify inject), with the
// real core on the demo organisation, the intake in front as bot/ wires it, and
// the platforms' Web APIs local fakes. Cases are mutations of the documented
// payloads (test/support/fuzz.ts): wrong types, nulls, missing and extra fields,
// huge strings, bad JSON, bad URL-encoding; signed, wrongly signed and unsigned.
// Prints the count of each status per endpoint; fails on any status ≥ 500 or
// any error-level log line.
// Run: npm run bench -- fuzz   (FUZZ_CASES, default 10000; FUZZ_SEED, default 1)
import { createWorld, ENCRYPT_KEY, startLadder, VERIFICATION_TOKEN } from '../test/feishu/support.js'
import { startSlackHarness } from '../test/slack/harness.js'
import { consoleCase, emptyTally, feishuCase, formatTally, generate, random, runCases, slackCase } from '../test/support/fuzz.js'
import { createConsoleApp, login } from '../test/web/console-app.js'

const CASES = Number(process.env.FUZZ_CASES ?? 10_000)
const SEED = Number(process.env.FUZZ_SEED ?? 1)
const slackCases = Math.round(CASES * 0.5)
const consoleCases = Math.round(CASES * 0.15)
const feishuCases = CASES - slackCases - consoleCases

const started = performance.now()
const tally = emptyTally()

const slack = await startSlackHarness({ intake: {} })
await runCases(
  slack.app,
  generate(random(SEED), slackCases, (rng) => slackCase(rng, slack.fake)),
  tally,
)
await slack.intake!.drained()
const slackErrors = slack.log.lines.filter((e) => e.level === 'error')
await slack.close()

const world = await createWorld()
const feishu = await startLadder(world, {
  secrets: { FEISHU_ENCRYPT_KEY: ENCRYPT_KEY, FEISHU_VERIFICATION_TOKEN: VERIFICATION_TOKEN },
  intake: {},
})
await runCases(feishu.app, generate(random(SEED + 1), feishuCases, feishuCase), tally)
await feishu.intake!.drained()
const feishuErrors = world.log.lines.filter((e) => e.level === 'error')
await feishu.close()
await world.close()

const web = await createConsoleApp()
const cookie = await login(web.app, 'li.lei@demo.ladder')
await runCases(
  web.app,
  generate(random(SEED + 2), consoleCases, (rng) => consoleCase(rng, cookie)),
  tally,
)
const consoleErrors = web.log.lines.filter((e) => e.level === 'error')
await web.close()

const errors = [...slackErrors, ...feishuErrors, ...consoleErrors]
console.log(`${CASES} cases (seed ${SEED}) in ${((performance.now() - started) / 1000).toFixed(1)} s\n`)
console.log(formatTally(tally))
console.log(`\nresponses >= 500: ${tally.failures.length}   error-level log lines: ${errors.length}`)
for (const f of tally.failures.slice(0, 20)) console.log(`  ${f.status} ${f.request.endpoint}: ${f.request.mutation}`)
for (const e of errors.slice(0, 20)) console.log(`  error: ${e.msg} ${String((e.obj as { err?: Error }).err?.message ?? '').slice(0, 200)}`)
process.exit(tally.failures.length > 0 || errors.length > 0 ? 1 : 0)
