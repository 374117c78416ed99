export const llm = {
  // Shown under the model's words: people should know a machine wrote them, and which part is Ladder's own data.
  'llm.note': '🤖 Written by an AI assistant from your Ladder data. The figures below are Ladder’s own.',
  'llm.noteTextOnly': '🤖 Written by an AI assistant. Ask “help” to see what Ladder can do.',
  // What the assistant would change, asked before anything is done (the person presses Confirm).
  'llm.confirm.title': 'Please confirm',
  'llm.confirm.enrol': 'Enrol you in “{course}” ({code})?',
  'llm.confirm.trainingDone': 'Mark “{course}” ({code}) as done for you?',
  'llm.confirm.trainingDoneScore': 'Mark “{course}” ({code}) as done for you, with a score of {score}?',
  'llm.confirm.assign': 'Assign “{course}” ({code}) to {people}{due}?',
  'llm.confirm.team': 'your whole team',
  'llm.confirm.and': ', ',
  'llm.confirm.due': ', due {date}',
  'llm.confirm.leftOut': '({n, plural, one {# other person named is} other {# other people named are}} not yours to assign and left out.)',
  'llm.confirm.language': 'Answer you in {language} from now on?',
  'llm.confirm.english': 'English',
  'llm.confirm.chinese': 'Chinese',
  'llm.confirm.note': 'Nothing has been changed yet: the AI assistant suggested this. Press Confirm to do it.',
  'llm.confirm.yes': 'Confirm',
  'llm.confirm.no': 'Cancel',
  'llm.confirm.cancelled': 'Cancelled: nothing was changed.',
  'llm.confirm.notYours': 'This button is for the person who asked.',
}
