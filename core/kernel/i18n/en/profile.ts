export const profile = {
  'language.title': 'Language',
  'language.set': 'OK — I will reply in English from now on. Say “请用中文回复” to switch back.',
  'language.unchanged': 'I already reply to you in English.',
  'language.which': 'Which language should I reply in?',
  // Each language by its own name, so everyone finds theirs.
  'language.english': 'English',
  'language.chinese': '中文',
}
