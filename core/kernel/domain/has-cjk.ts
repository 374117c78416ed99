// The one test for "this text is Chinese", used wherever the language of a text
// or a name decides something (reply language, how a name is matched).
import type { Locale } from './types.js'

const HAN = /\p{Script=Han}/u

/** Whether the text contains a Chinese (Han script) character. */
export const hasCjk = (text: string): boolean => HAN.test(text)

/** 'zh-CN' when the text contains any Chinese character, else 'en'. */
export const languageOf = (text: string): Locale => (hasCjk(text) ? 'zh-CN' : 'en')
