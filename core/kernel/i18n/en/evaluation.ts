export const evaluation = {
  'evaluation.title': 'Evaluation of {subject}',
  'evaluation.selfTitle': 'Your self-evaluation',
  'evaluation.submit': 'Submit',
  'evaluation.comment': 'Comment',
  'evaluation.commentHint': 'Strengths, examples, what to work on next (optional)',
  'evaluation.reassessTitle': 'Re-assessment of {subject} after training',
  'evaluation.anchor.1': '1 — well below the standard',
  'evaluation.anchor.2': '2 — below the standard',
  'evaluation.anchor.3': '3 — meets the standard',
  'evaluation.anchor.4': '4 — exceeds the standard',
  'evaluation.anchor.5': '5 — far exceeds / role model',
  'evaluation.scale':
    'The scale is tied to the standard: 3 = meets the standard (counts as the required attainment); 4 = halfway from there to 100; 5 = 100; 2 and 1 = two thirds and one third of the requirement.',
  'evaluation.error.required': 'Please choose a rating.',
  'evaluation.error.out_of_range': 'Choose a rating from 1 to 5.',
  'evaluation.error.too_long': 'Please keep it under {max, plural, one {# character} other {# characters}}.',
  'evaluation.visibility': 'Named evaluation: {subject}, their managers and HR will see your ratings and comment.',
  'evaluation.saved': 'Evaluation submitted',
  'evaluation.savedBody':
    'Thank you. {count, plural, one {# rating} other {# ratings}} for {subject} {count, plural, one {is} other {are}} recorded; their gap report is updated.',
  'evaluation.formError': 'Please fix the highlighted fields.',
}
