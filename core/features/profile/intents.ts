// The profile slice's intent: the language Ladder answers in.
import { z } from 'zod'
import type { Deps } from '../../kernel/context.js'
import { translator } from '../../kernel/i18n/index.js'
import { defineProposingTool, type IntentSpec } from '../../kernel/intent-spec.js'
import { languageCard } from './language-card.js'
import { setLanguage } from './set-language.js'

export const profileIntents: IntentSpec[] = [
  {
    name: 'set_language',
    changesState: true,
    command: { words: ['language', 'lang'], argument: 'none' },
    cues: [
      [
        /\b(reply|answer|respond|talk|speak|write)( to me)? in (english|chinese|mandarin)\b|\b(english|chinese) please\b|\bswitch (to|language to) (english|chinese)\b/,
        3,
      ],
      [/(用|说|讲|换成|改成|切换成?|切到)(英文|英语|中文|汉语)|(英文|英语|中文)(回复|回答|交流)/, 3],
    ],
    answer: async (deps, actor, request) => {
      // A message says the language in its words; a button ("set_language:en") in its argument.
      return languageCard(await setLanguage(deps, actor, request.text ?? ''), actor.locale)
    },
    tool: defineProposingTool({
      description:
        'Proposes setting the language Ladder answers the asking employee in; they confirm with a button, nothing happens before.',
      schema: z.strictObject({ language: z.enum(['en', 'zh-CN']) }),
      async propose(_deps: Deps, actor, args) {
        const tr = translator(actor.locale)
        const language = tr(args.language === 'en' ? 'llm.confirm.english' : 'llm.confirm.chinese')
        // The answer reads the language from the words, as it does from a message.
        const request = { text: args.language === 'en' ? 'english' : 'chinese', onlyFor: actor.employee.id }
        return { kind: 'confirm', question: tr('llm.confirm.language', { language }), request }
      },
    }),
  },
]
