// V8's heap policy for Ladder's processes (the server, the CLI). A batch job — the reminder
// sweep, the readiness report over a whole company — makes far more garbage than it keeps,
// and by default V8 lets the old generation grow to several times what is live before it
// collects: the 10,000-person catch-up sweep peaked at ~300 MB RSS with ~60 MB live. Growing
// the heap by at most half of what is live after each full collection kept that peak under
// 250 MB at the same speed (`npm run bench -- sweep`, README). An explicit
// `node --heap-growing-percent=N` is left as given.
import { setFlagsFromString } from 'node:v8'

const HEAP_GROWING_PERCENT = 50

if (!process.execArgv.some((arg) => arg.startsWith('--heap-growing-percent')))
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`)
