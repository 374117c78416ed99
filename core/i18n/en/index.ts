import { common } from './common.js'

export const en = {
  ...common,
}
