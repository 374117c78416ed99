#!/usr/bin/env node
// `npx ladder …` runs the TypeScript CLI in-process through tsx's loader: no build step.
import { register } from 'tsx/esm/api'

register()
await import('../bot/cli.ts')
