// The body a card callback answers with (within 3 s): an optional toast and an
// optional replacement card. {} changes nothing. A 2.0 card can only be replaced
// by a 2.0 card (else client error 200830).

import type { Card } from '../../core/kernel/cards/card.js'
import { type MessageKey, t } from '../../core/kernel/i18n/index.js'
import type { Notice } from '../../core/kernel/inbound.js'
import type { FeishuCard } from './card-json.js'
import { renderCard } from './render-card.js'

export interface CallbackResponse {
  toast?: { type: 'success' | 'info' | 'error' | 'warning'; content: string; i18n?: { zh_cn: string; en_us: string } }
  card?: { type: 'raw'; data: FeishuCard }
}

export function callbackResponse(toast: Notice | undefined, card: Card | undefined): CallbackResponse {
  return {
    ...(toast ? { toast: { type: toast.tone, content: toast.text } } : {}),
    ...(card ? { card: { type: 'raw', data: renderCard(card) } } : {}),
  }
}

/** A toast in both languages: the adapter's own notices, shown before we know who clicked. */
export function bilingualToast(type: 'info' | 'error', key: MessageKey): CallbackResponse {
  const zh = t('zh-CN', key)
  return { toast: { type, content: zh, i18n: { zh_cn: zh, en_us: t('en', key) } } }
}
