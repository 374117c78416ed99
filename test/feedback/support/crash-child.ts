// A Ladder process that dies (SIGKILL) the moment it would release sealed 360
// answers: right after a submission's (or a close's) transaction committed, before
// its release ran. Used by test/feedback/crash-before-release.e2e.test.ts.
//   crash-child.ts <database url> <key file> <now ISO> submit <requestId:email>...
//   crash-child.ts <database url> <key file> <now ISO> close <cycleId>
import { loadConfig } from '../../../bot/config.js'
import { openRuntime } from '../../../bot/runtime.js'
import { act } from '../support.js'

const [url, keyFile, now, mode, ...rest] = process.argv.slice(2) as [string, string, string, string, ...string[]]
const config = loadConfig({ DATABASE_URL: url, FEEDBACK_SEAL_KEY_FILE: keyFile, LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv)
const runtime = await openRuntime(config, { clock: { now: () => new Date(now) } })
const deps = { ...runtime.deps, deliver: async () => {} }
const die = async (): Promise<never> => {
  process.kill(process.pid, 'SIGKILL')
  return new Promise<never>(() => {})
}

if (mode === 'submit') {
  for (const [i, item] of rest.entries()) {
    const [requestId, email] = item.split(':') as [string, string]
    if (i === rest.length - 1) deps.store.feedback.release = die
    await act(deps, email, 'submit_form', `feedback:${requestId}`, {
      dim_professional_knowledge: '4',
      dim_technical_skill: '3',
      dim_project_experience: '4',
      dim_culture: '5',
      strengths: `STRENGTH-OF-${email}`,
      improvements: '',
    })
  }
} else {
  deps.store.feedback.release = die
  await act(deps, 'hana@t.test', 'submit_form', `cycle:${rest[0]}:close`)
}
// Not reached: the release above kills the process.
process.exit(3)
