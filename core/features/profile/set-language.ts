// "请用英文回复" / "reply in Chinese": the language Ladder answers a person in.
import type { Actor, Deps } from '../../kernel/context.js'
import type { Locale } from '../../kernel/domain/types.js'

const ENGLISH = /英文|英语|english|\ben\b/i
const CHINESE = /中文|汉语|普通话|华语|chinese|mandarin|\bzh\b/i

/** The language a message asks for, or null when it names none or both. */
function languageAsked(text: string): Locale | null {
  const en = ENGLISH.test(text)
  const zh = CHINESE.test(text)
  if (en === zh) return null
  return en ? 'en' : 'zh-CN'
}

export type SetLanguageResult = { kind: 'set' | 'unchanged'; locale: Locale } | { kind: 'which' }

export async function setLanguage(deps: Deps, actor: Actor, text: string): Promise<SetLanguageResult> {
  const locale = languageAsked(text)
  if (!locale) return { kind: 'which' }
  if (locale === actor.employee.locale) return { kind: 'unchanged', locale }
  await deps.store.transaction(async (tx) => {
    await tx.employees.setLocale(actor.employee.id, locale)
    await tx.audit.record({
      actorId: actor.employee.id,
      actor: `employee:${actor.employee.id}`,
      action: 'profile.language',
      entity: 'Employee',
      entityId: actor.employee.id,
      data: { from: actor.employee.locale, to: locale },
    })
  })
  return { kind: 'set', locale }
}
