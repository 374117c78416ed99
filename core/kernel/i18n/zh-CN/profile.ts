export const profile = {
  'language.title': '语言',
  'language.set': '好的,以后我用中文回复你。说 “reply in English” 可以切换回英文。',
  'language.unchanged': '我现在就是用中文回复你的。',
  'language.which': '你希望我用哪种语言回复?',
  'language.english': 'English',
  'language.chinese': '中文',
}
