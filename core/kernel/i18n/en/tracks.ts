// Career tracks (Job.track) by name: the import gives a code (`rd`, `retail`), which a
// reader should never see. A code without a name here is shown capitalised (format.ts).
export const tracks = {
  'track.rd': 'R&D',
  'track.management': 'Management',
  'track.retail': 'Retail',
  'track.hr': 'HR',
}
