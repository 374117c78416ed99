export const common = {
  'common.error': 'Sorry, something went wrong on our side ({code}). Please try again; if it keeps happening, tell your HR team.',
  'common.notLinked':
    "I don't know you yet: your chat account is not linked to an employee record. Please ask your HR team to add you (or to link this account).",
  'delivery.unreachable':
    '{n} of these people could not be sent their card: they have no chat account Ladder runs on, and the web console is off. Link their accounts (or turn the console on) and ask again.',
  'action.invalid': 'That button is no longer valid. Please ask again for a fresh card.',
}
