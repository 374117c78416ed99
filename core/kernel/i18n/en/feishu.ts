// Texts the Feishu adapter itself shows (everything else comes from the core).
export const feishu = {
  'feishu.truncated':
    '… {count, plural, one {# more section does} other {# more sections do}} not fit in one Feishu card. Ask me again with a narrower question to see them.',
  'feishu.sentPrivately': 'Sent to you in a direct message: this group card is shared by everyone in the group.',
  'feishu.answeredPrivately': 'I have answered you in a direct message, so the group does not see personal data.',
  'feishu.working': 'Working on it — the answer will arrive as a new message.',
  'feishu.unsupportedCard': 'This button belongs to a card Ladder can no longer read. Please ask again for a fresh card.',
}
