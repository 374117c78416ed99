// The handful of Open API calls Ladder makes, through the SDK client. Each
// returns the `data` it needs or throws (FeishuCodeError for code != 0 with
// HTTP 200; the SDK throws its HTTP errors itself). No retries here.
import type { Client } from '@larksuiteoapi/node-sdk'
import { FeishuCodeError } from './delivery-errors.js'

interface Answer<T> {
  code?: number
  msg?: string
  data?: T
}

function dataOf<T>(answer: Answer<T> | undefined): T {
  const code = answer?.code ?? -1
  if (code !== 0) throw new FeishuCodeError(code, answer?.msg ?? 'no answer')
  return (answer?.data ?? {}) as T
}

export interface SentMessage {
  message_id?: string
  chat_id?: string
}

export interface FeishuContactUser {
  openId: string
  name: string | null
  email: string | null
}

export interface FeishuApi {
  createMessage(receiveIdType: 'open_id' | 'chat_id', receiveId: string, card: string, uuid: string): Promise<SentMessage>
  replyMessage(messageId: string, card: string, inThread: boolean, uuid: string): Promise<SentMessage>
  patchMessage(messageId: string, card: string): Promise<void>
  /** PATCH im/v1/messages/{id}/urgent_app: the message, already sent by the bot, becomes urgent (加急) for these open_ids. */
  urgentApp(messageId: string, openIds: readonly string[]): Promise<void>
  userEmail(openId: string): Promise<string | null>
  /**
   * contact/v3/users/batch (at most 50 open_ids): the users the app may see, with
   * their email when it may read it. Users outside its availability range are missing.
   */
  usersByOpenId(openIds: readonly string[]): Promise<FeishuContactUser[]>
  chatMembers(chatId: string, pageToken?: string): Promise<{ ids: string[]; nextPageToken?: string }>
  botOpenId(): Promise<string>
  /** "p2p", "group" or "topic". */
  chatMode(chatId: string): Promise<string | null>
  /** One page of the groups the bot is in (direct chats are never listed). */
  botChats(pageToken?: string): Promise<{ chats: { id: string; name: string }[]; nextPageToken?: string }>
}

export function createFeishuApi(client: Client): FeishuApi {
  return {
    async createMessage(receiveIdType, receiveId, card, uuid) {
      // `content` is a JSON *string* in im/v1/messages (an object only in the batch API).
      const answer = await client.im.message.create({
        params: { receive_id_type: receiveIdType },
        data: { receive_id: receiveId, msg_type: 'interactive', content: card, uuid },
      })
      return dataOf(answer)
    },
    async replyMessage(messageId, card, inThread, uuid) {
      const answer = await client.im.message.reply({
        path: { message_id: messageId },
        data: { msg_type: 'interactive', content: card, reply_in_thread: inThread, uuid },
      })
      return dataOf(answer)
    },
    async patchMessage(messageId, card) {
      // PATCH, not PUT/update: update replaces text/post messages; cards are patched.
      dataOf(await client.im.message.patch({ path: { message_id: messageId }, data: { content: card } }))
    },
    async urgentApp(messageId, openIds) {
      dataOf(
        await client.im.message.urgentApp({
          path: { message_id: messageId },
          params: { user_id_type: 'open_id' },
          data: { user_id_list: [...openIds] },
        }),
      )
    },
    async userEmail(openId) {
      const data = dataOf(await client.contact.user.get({ path: { user_id: openId }, params: { user_id_type: 'open_id' } }))
      const user = data.user as { enterprise_email?: string; email?: string } | undefined
      const email = user?.enterprise_email?.trim() || user?.email?.trim()
      return email ? email : null
    },
    async usersByOpenId(openIds) {
      const data = dataOf(await client.contact.user.batch({ params: { user_ids: [...openIds], user_id_type: 'open_id' } }))
      return (data.items ?? []).flatMap((u) =>
        u.open_id
          ? [
              {
                openId: u.open_id,
                name: u.name?.trim() || null,
                email: u.enterprise_email?.trim() || u.email?.trim() || null,
              },
            ]
          : [],
      )
    },
    async chatMembers(chatId, pageToken) {
      const data = dataOf(
        await client.im.chatMembers.get({
          path: { chat_id: chatId },
          params: { member_id_type: 'open_id', page_size: 100, ...(pageToken ? { page_token: pageToken } : {}) },
        }),
      )
      const ids = (data.items ?? []).map((m) => m.member_id).filter((id): id is string => typeof id === 'string')
      return { ids, ...(data.has_more && data.page_token ? { nextPageToken: data.page_token } : {}) }
    },
    async chatMode(chatId) {
      const data = dataOf(await client.im.chat.get({ path: { chat_id: chatId } }))
      return data.chat_mode ?? null
    },
    async botChats(pageToken) {
      const data = dataOf(await client.im.chat.list({ params: { page_size: 100, ...(pageToken ? { page_token: pageToken } : {}) } }))
      const chats = (data.items ?? []).flatMap((c) => (c.chat_id ? [{ id: c.chat_id, name: c.name?.trim() || c.chat_id }] : []))
      return { chats, ...(data.has_more && data.page_token ? { nextPageToken: data.page_token } : {}) }
    },
    async botOpenId() {
      // No generated method for bot/v3/info; its answer has `bot` beside `code`, not under `data`.
      const answer = await client.request<{ code?: number; msg?: string; bot?: { open_id?: string } }>({
        method: 'GET',
        url: '/open-apis/bot/v3/info',
      })
      if (answer?.code !== 0 || !answer.bot?.open_id) throw new FeishuCodeError(answer?.code ?? -1, answer?.msg ?? 'no bot open_id')
      return answer.bot.open_id
    },
  }
}
