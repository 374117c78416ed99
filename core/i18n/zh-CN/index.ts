import type { en } from '../en/index.js'
import { common } from './common.js'

export const zhCN = {
  ...common,
} satisfies Record<keyof typeof en, string>
