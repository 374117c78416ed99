// A person's own settings: the language Ladder answers them in.
export { profileIntents } from './intents.js'
