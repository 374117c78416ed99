// A small org for the 360 tests: test/support/org.ts plus Eve's teammates and her own reports.
//   mia (manager) ─┬─ eve ─┬─ ann
//                  │       └─ bo
//                  ├─ tom (en), lin, kai
import type { LadderDeps, LadderStore } from '../../core/app/store.js'
import { handleFeedbackAction } from '../../core/features/feedback/handle-action.js'
import type { FeedbackDeps } from '../../core/features/feedback/ports.js'
import type { ActionId } from '../../core/kernel/cards/card.js'
import type { Actor } from '../../core/kernel/context.js'
import type { ActionReply } from '../../core/kernel/inbound.js'
import type { Delivery } from '../../core/kernel/messaging.js'
import { makeDeps } from '../support/deps.js'
import { buildOrg, type Org } from '../support/org.js'
import { type SeedTarget, seederFor } from '../support/seed.js'

export interface FeedbackOrg extends Org {
  more: Record<'lin' | 'kai' | 'ann' | 'bo', number>
}

export async function buildFeedbackOrg(target: SeedTarget): Promise<FeedbackOrg> {
  const org = await buildOrg(target)
  const db = seederFor(target)
  const person = (email: string, name: string, nameEn: string, managerId: number, jobId: number) =>
    db.create('employee', { email, name, nameEn, managerId, jobId })
  const lin = await person('lin@t.test', '林', 'Lin', org.ids.mia, org.jobs.RD2)
  const kai = await person('kai@t.test', '凯', 'Kai', org.ids.mia, org.jobs.RD2)
  const ann = await person('ann@t.test', '安', 'Ann', org.ids.eve, org.jobs.RD1)
  const bo = await person('bo@t.test', '博', 'Bo', org.ids.eve, org.jobs.RD1)
  return { ...org, more: { lin: lin.id, kai: kai.id, ann: ann.id, bo: bo.id } }
}

/** The 360 deps on a store (the in-memory one, or `createPrismaStore(db)`): its own feedback repository. */
export function feedbackDeps(store: LadderStore, now: Date): LadderDeps & { sent: Delivery[]; log: ReturnType<typeof makeDeps>['log'] } {
  const sent: Delivery[] = []
  const base = makeDeps(store, now)
  return {
    ...base,
    sent,
    async deliver(deliveries) {
      sent.push(...deliveries)
    },
  }
}

export async function actorOf(deps: FeedbackDeps, email: string): Promise<Actor> {
  const employee = await deps.store.employees.byEmail(email)
  if (!employee) throw new Error(`no employee ${email}`)
  return { employee, locale: employee.locale }
}

/** A click or form submission from chat, as the platform adapters deliver it. */
export async function act(
  deps: FeedbackDeps,
  email: string,
  actionId: ActionId,
  value: string,
  values?: Record<string, string>,
): Promise<ActionReply> {
  const reply = await handleFeedbackAction(deps, await actorOf(deps, email), {
    sender: { platform: 'cli', tenant: 'local', userId: email },
    surface: { kind: 'direct' },
    actionId,
    value,
    ...(values ? { values } : {}),
  })
  if (!reply) throw new Error(`not a feedback action: ${value}`)
  return reply
}

/** Answers for the RD3 questionnaire (knowledge, technical skill, projects, culture). */
export const answers = (
  know: number,
  tech: number,
  proj: number,
  culture: number,
  strengths = '',
  improvements = '',
): Record<string, string> => ({
  dim_professional_knowledge: String(know),
  dim_technical_skill: String(tech),
  dim_project_experience: String(proj),
  dim_culture: String(culture),
  strengths,
  improvements,
})
