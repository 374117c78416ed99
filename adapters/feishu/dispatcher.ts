// The SDK's EventDispatcher (events, and card callbacks over the long
// connection) and CardActionHandler (card callbacks over HTTP), both built
// without secrets: Ladder verifies and decrypts every HTTP request before
// handing it over, and the long connection is authenticated by the SDK itself.
import { CardActionHandler, EventDispatcher, LoggerLevel } from '@larksuiteoapi/node-sdk'
import type { Logger } from '../../core/kernel/ports.js'
import type { CallbackResponse } from './callback-response.js'
import { sdkLogger } from './sdk-logger.js'

export interface FeishuHandlers {
  /**
   * Must return at once (Feishu waits 3 s): the answer is sent later. A promise is
   * waited for before Feishu gets its answer (the intake writing the event down).
   */
  onMessage(data: unknown): undefined | Promise<void>
  onCardAction(data: unknown): Promise<CallbackResponse>
}

export function createEventDispatcher(handlers: FeishuHandlers, log: Logger): EventDispatcher {
  const dispatcher = new EventDispatcher({ logger: sdkLogger(log), loggerLevel: LoggerLevel.warn })
  return dispatcher.register<Record<string, (data: unknown) => Promise<unknown>>>({
    'im.message.receive_v1': async (data: unknown) => {
      await handlers.onMessage(data)
      return {}
    },
    // Over the long connection card callbacks arrive here, as an event; what the handler
    // returns is sent back as the callback answer.
    'card.action.trigger': (data: unknown) => handlers.onCardAction(data),
  })
}

export function createCardActionHandler(handlers: FeishuHandlers, log: Logger): CardActionHandler {
  return new CardActionHandler({ logger: sdkLogger(log), loggerLevel: LoggerLevel.warn }, (data: unknown) => handlers.onCardAction(data))
}
