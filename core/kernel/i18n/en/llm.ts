export const llm = {
  // Shown under the model's words: people should know a machine wrote them, and which part is Ladder's own data.
  'llm.note': '🤖 Written by an AI assistant from your Ladder data. The figures below are Ladder’s own.',
  'llm.noteTextOnly': '🤖 Written by an AI assistant. Ask “help” to see what Ladder can do.',
}
