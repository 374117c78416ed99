#!/usr/bin/env node
// `npx ladder …` runs the CLI compiled to dist/ by `npm run build` (which `npm install`
// and `npm ci` run): plain Node, no TypeScript compiler at start-up. `npm run ladder -- …`
// runs it from the TypeScript sources instead (through tsx).
import { existsSync } from 'node:fs'

const cli = new URL('../dist/bot/cli.js', import.meta.url)
if (!existsSync(cli)) {
  console.error(
    'ladder: the compiled CLI (dist/bot/cli.js) is missing. Run `npm run build` (npm install does it),\n' +
      'or run it from the TypeScript sources with `npm run ladder -- <command>`.',
  )
  process.exit(1)
}
await import(cli.href)
