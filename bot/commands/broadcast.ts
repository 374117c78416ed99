import { renderText } from '../../adapters/cli/render-text.js'
import { createFeishuClient } from '../../adapters/feishu/client.js'
import { createFeishuApi } from '../../adapters/feishu/feishu-api.js'
import { createFeishuMessenger } from '../../adapters/feishu/messenger.js'
import { defaultRetryPolicy } from '../../adapters/feishu/with-retry.js'
import { createSlackMessenger } from '../../adapters/slack/messenger.js'
import { createWebClient } from '../../adapters/slack/web-client.js'
import { broadcastCourse, broadcastReport, broadcastReportCard, broadcastResultCard } from '../../core/features/broadcasts/index.js'
import { zonedTime } from '../../core/kernel/domain/zoned-time.js'
import type { ChatPlatform, Messenger } from '../../core/kernel/messaging.js'
import { createMessengerRegistry } from '../../core/kernel/messaging.js'
import type { Logger } from '../../core/kernel/ports.js'
import type { Config } from '../config.js'
import { openCommandRuntime } from '../runtime.js'
import { type Command, parseArgs, unknownEmployee } from './command.js'

const CHANNEL = /^(slack|feishu):([^:]+):(.+)$/
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/

export const command: Command = {
  summary: 'Announce a course to a chat channel as HR (assigns its members who are employees), or see a broadcast’s completion',
  usage:
    'ladder broadcast --channel <platform:tenant:channelId> --course <code> --due <YYYY-MM-DD> --as <hr email>\n       ladder broadcast --report <broadcast id> --as <hr email>',
  async run(args, config) {
    const { flags } = parseArgs(args)
    const email = typeof flags.as === 'string' ? flags.as : undefined
    const report = typeof flags.report === 'string' ? Number(flags.report) : undefined
    const channel = typeof flags.channel === 'string' ? CHANNEL.exec(flags.channel) : null
    const course = typeof flags.course === 'string' ? flags.course : undefined
    const due = typeof flags.due === 'string' ? flags.due : undefined
    if (!email || (report === undefined && (!channel || !course || !due)) || (report !== undefined && !Number.isInteger(report))) {
      console.error(
        `Usage: ${this.usage}\nExample: ladder broadcast --channel slack:T0123ABC:C0456DEF --course CU-101 --due 2026-12-15 --as wang.fang@demo.ladder`,
      )
      return 2
    }
    const runtime = await openCommandRuntime(config)
    try {
      const hr = await runtime.store.employees.byEmail(email)
      if (!hr) {
        console.error(await unknownEmployee(runtime.store.employees, email))
        return 1
      }
      const actor = { employee: hr, locale: hr.locale }
      const { deps } = runtime
      if (report !== undefined) {
        const result = await broadcastReport(deps, actor, report)
        if (result.kind === 'report') console.log(renderText(broadcastReportCard(result.report, actor.locale, hr.timeZone)))
        else console.error(result.kind === 'refused' ? 'Only HR can see broadcast reports.' : `There is no broadcast #${report}.`)
        return result.kind === 'report' ? 0 : 1
      }
      const dueAt = parseDue(due!, hr.timeZone)
      if (!dueAt) {
        console.error(`--due expects a date such as 2026-12-15 (the end of that day in your time zone) or an ISO time, got "${due}"`)
        return 2
      }
      const platform = channel![1] as ChatPlatform
      const messenger = membersApi(platform, config, runtime.log)
      if (!messenger) {
        console.error(
          `${platform} is not configured here (set ${platform === 'slack' ? 'SLACK_BOT_TOKEN' : 'FEISHU_APP_ID and FEISHU_APP_SECRET'}).`,
        )
        return 1
      }
      const result = await broadcastCourse({ ...deps, messengers: createMessengerRegistry({ [platform]: messenger }) }, actor, {
        platform,
        tenant: channel![2]!,
        channelId: channel![3]!,
        courseCode: course!,
        dueAt,
      })
      const text = renderText(broadcastResultCard(result, actor.locale))
      if (result.kind !== 'broadcast') {
        console.error(text)
        return 1
      }
      console.log(`${text}\nThe card is in the outbox; the running server posts it (\`ladder outbox\` shows the queue).`)
      return 0
    } finally {
      await runtime.close()
    }
  },
}

/** A date alone means the end of that day where the announcer is; a full ISO time is taken as it is. */
function parseDue(text: string, timeZone: string): Date | null {
  const day = DATE_ONLY.exec(text)
  if (day) return zonedTime(Number(day[1]), Number(day[2]), Number(day[3]), 23, 59, timeZone)
  const at = new Date(text)
  return Number.isNaN(at.getTime()) ? null : at
}

/** Only channel member lists are needed here: the card itself goes through the outbox. */
function membersApi(platform: ChatPlatform, config: Config, log: Logger): Messenger | null {
  if (platform === 'slack' && config.SLACK_BOT_TOKEN) {
    const { web, rateLimits } = createWebClient(config.SLACK_BOT_TOKEN, { apiUrl: config.SLACK_API_URL, log })
    return createSlackMessenger(web, rateLimits)
  }
  if (platform === 'feishu' && config.FEISHU_APP_ID && config.FEISHU_APP_SECRET) {
    const { client } = createFeishuClient(
      { appId: config.FEISHU_APP_ID, appSecret: config.FEISHU_APP_SECRET, domain: config.FEISHU_DOMAIN },
      log,
    )
    return createFeishuMessenger(createFeishuApi(client), defaultRetryPolicy())
  }
  return null
}
