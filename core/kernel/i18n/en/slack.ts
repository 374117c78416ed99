// Texts the Slack adapter itself shows (everything else comes from the core).
export const slack = {
  'slack.truncated':
    '… {n} more not shown: Slack limits how long one message can be. Ask me a narrower question (one job, one person) to see the rest.',
  'slack.openForm': 'Open form',
  'slack.cancel': 'Cancel',
}
