// HR's "删除张三的个人数据" / "erase Li Lei's personal data": a preview card with a
// Confirm button; everyone else is refused politely (erase-person.ts decides). No
// tool for the language model: an erasure is asked for in so many words, by HR.
import type { Card } from '../../kernel/cards/card.js'
import type { Actor } from '../../kernel/context.js'
import { translator } from '../../kernel/i18n/index.js'
import type { ActionReply } from '../../kernel/inbound.js'
import type { IntentSpec } from '../../kernel/intent-spec.js'
import { erasedCard, erasePreviewCard } from './erase-card.js'
import { erasePerson, previewErasure } from './erase-person.js'
import type { PrivacyDeps } from './ports.js'

export const privacyIntents: IntentSpec<PrivacyDeps>[] = [
  {
    name: 'erase_person',
    command: { words: ['erase'], argument: 'none' },
    cues: [
      [
        /\berase\b.{0,60}\b(data|information|details|records?|profile)\b|\bright to be forgotten\b|\b(gdpr|pipl)\b.{0,40}\b(erase|delet|remov)/,
        3,
      ],
      [/\b(delete|remove|wipe|purge)\b.{0,60}\bpersonal (data|information|details|records?)\b/, 3],
      [/(删除|清除|抹去|擦除|删掉|清空|销毁).{0,16}(个人)(数据|信息|资料|档案)|被遗忘权/, 3],
    ],
    canBeAboutSomeoneElse: true,
    // The answer is a preview: the erasure is the Confirm button's, pressed by HR.
    changesState: false,
    answer: async (deps, actor, request): Promise<Card> => {
      const result = await previewErasure(deps, actor, {
        text: request.text ?? '',
        ...(request.subjectId !== undefined ? { subjectId: request.subjectId } : {}),
      })
      return erasePreviewCard(result, actor.locale)
    },
  },
]

/** The Confirm button ("erase_person", value the employee id). */
export async function eraseAction(deps: PrivacyDeps, actor: Actor, value: string): Promise<ActionReply> {
  const tr = translator(actor.locale)
  if (!/^\d{1,12}$/.test(value)) return { kind: 'notify', notice: { tone: 'error', text: tr('action.invalid') } }
  const result = await erasePerson(deps, actor, { employeeId: Number(value) })
  if (result.kind === 'refused') return { kind: 'notify', notice: { tone: 'error', text: tr('erase.refused') } }
  if (result.kind === 'erased' || result.kind === 'dry_run')
    return {
      kind: 'replace',
      card: erasedCard(result, actor.locale),
      notice: { tone: 'success', text: tr('erase.toast') },
      isPersonal: true,
    }
  return { kind: 'replace', card: erasePreviewCard(result, actor.locale), isPersonal: true }
}
