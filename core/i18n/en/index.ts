import { common } from './common.js'
import { evaluation } from './evaluation.js'
import { format } from './format.js'
import { gap } from './gap.js'
import { help } from './help.js'
import { tasks } from './tasks.js'
import { team } from './team.js'
import { training } from './training.js'

export const en = {
  ...common,
  ...format,
  ...gap,
  ...tasks,
  ...training,
  ...team,
  ...help,
  ...evaluation,
}
