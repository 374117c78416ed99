export const privacy = {
  'erase.title': 'Erase personal data',
  'erase.refused': 'Only HR can erase a person’s data. If you would like your own data erased, please ask HR.',
  'erase.notFound': 'I could not find that person. Name them as the directory does, or give their email.',
  'erase.ambiguous': 'Several people match: {names}. Please name one by their email.',
  'erase.self': 'You cannot erase your own data yourself; please ask another HR colleague.',
  'erase.already': 'This person’s data has already been erased.',
  'erase.confirm':
    'This removes or anonymises the personal data of {name} ({email}) everywhere in Ladder: profile, chat accounts, training, evaluations, 360 feedback, messages, reminders and programme records. It cannot be undone.',
  'erase.willRemove': 'What will change:',
  'erase.tombstone': 'Their place in other people’s records (a manager’s evaluations, a 360 cycle) is kept as “{tombstone}”.',
  'erase.button': 'Erase {name}',
  'erase.done':
    'Erased: {rows, plural, one {# row was} other {# rows were}} removed or anonymised. The person now appears as “{tombstone}”.',
  'erase.toast': 'Personal data erased',
  'erase.line.deleted': '{table}: {rows} deleted',
  'erase.line.anonymised': '{table}: {rows} anonymised',
  'erase.line.cancelled': '{table}: {rows} cancelled',
}
