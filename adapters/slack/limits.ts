// Every Block Kit and Web API limit Ladder respects, in one place. Slack rejects
// a whole message (invalid_blocks, msg_too_long) when one limit is broken, so the
// renderers cut to these numbers instead of hoping. Sources: docs.slack.dev
// reference/block-kit, @slack/types doc comments (see ../shared/fixtures FACTS.md).
export const SLACK_LIMITS = {
  /** Blocks in one message (chat.postMessage / chat.update / respond). */
  messageBlocks: 50,
  /** Blocks in a modal or a Home tab view. */
  viewBlocks: 100,
  /**
   * Characters across all block texts of one message. Not documented: users get
   * msg_blocks_too_long around 13k characters although every block is within its
   * own limit (bolt-js issue #2509), so we stay below that.
   */
  messageTextBudget: 12_000,
  /** Top-level `text` of a message: Slack truncates past 40,000 characters. */
  messageText: 40_000,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  contextText: 3000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  actionId: 255,
  blockId: 255,
  optionText: 75,
  optionValue: 150,
  selectOptions: 100,
  /** Characters typed before an external_select asks for options (Slack's default is 3). */
  externalSelectMinQuery: 1,
  inputLabel: 2000,
  placeholder: 150,
  /** Modal title, submit and close labels. */
  viewTitle: 24,
  privateMetadata: 3000,
  callbackId: 255,
  plainTextInputMax: 3000,
  /** conversations.members: Slack recommends pages of 200 (max 999). */
  membersPageSize: 200,
} as const

/**
 * Cuts `text` to at most `max` UTF-16 units, ending in "…" when it had to cut.
 * UTF-16 length is never below Slack's character count, so this is on the safe
 * side, and it never splits an emoji's surrogate pair.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text
  let out = ''
  for (const char of text) {
    if (out.length + char.length > max - 1) break
    out += char
  }
  return out + '…'
}
