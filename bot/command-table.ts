// `ladder help` and the list of commands, without loading any command: each command
// module pulls in the database client and more, which `help` does not need. A
// summary here repeats the command's own `summary`; test/bot/command-table.test.ts
// checks that this table and bot/commands/ agree, entry by entry.
import type { Command } from './commands/command.js'

interface CommandEntry {
  summary: string
  load(): Promise<{ command: Command }>
}

export const COMMANDS: Record<string, CommandEntry> = {
  ask: { summary: 'Ask Ladder a question as an employee, without any chat platform', load: () => import('./commands/ask.js') },
  audit: {
    summary: 'Read the audit log, newest first: who did what, when (HR with --as, or the operator)',
    load: () => import('./commands/audit.js'),
  },
  backup: {
    summary: 'Take a consistent backup of the running SQLite database into a file (safe while the server writes)',
    load: () => import('./commands/backup.js'),
  },
  broadcast: {
    summary: 'Announce a course to a chat channel as HR (assigns its members who are employees), or see a broadcast’s completion',
    load: () => import('./commands/broadcast.js'),
  },
  erase: { summary: "Erase a person's personal data (PIPL/GDPR): preview, then --yes", load: () => import('./commands/erase.js') },
  export: { summary: 'Export every entity as import files (CSV or JSON)', load: () => import('./commands/export.js') },
  feedback: {
    summary: 'Run 360° feedback cycles: launch, nominate, approve, open, close, share, status',
    load: () => import('./commands/feedback.js'),
  },
  import: {
    summary: 'Import HR data (CSV or JSON): org, jobs, standards, courses, people, assessments…',
    load: () => import('./commands/import.js'),
  },
  intents: { summary: 'List the intent names Ladder understands (a public contract)', load: () => import('./commands/intents.js') },
  migrate: { summary: 'Apply pending database migrations', load: () => import('./commands/migrate.js') },
  outbox: {
    summary: 'See the outbox: counts by status, the dead letters and why (--dead), or send dead ones again (--retry <id>|all)',
    load: () => import('./commands/outbox.js'),
  },
  overdue: {
    summary: 'Overdue trainings and evaluations across the company, by department (--csv for a spreadsheet)',
    load: () => import('./commands/overdue.js'),
  },
  probation: {
    summary: 'Why a probation review failed: the training chain per dimension and where it broke (text, CSV or JSON)',
    load: () => import('./commands/probation.js'),
  },
  programme: {
    summary: "Start a programme from a template for participants (as HR), see completion per stage, or export the participants' records",
    load: () => import('./commands/programme.js'),
  },
  restore: {
    summary: 'Check a backup file and restore it in place of the database (the current one is kept aside)',
    load: () => import('./commands/restore.js'),
  },
  'seed-demo': {
    summary: 'Seed the bilingual demo organisation (an empty database only, unless --force)',
    load: () => import('./commands/seed-demo.js'),
  },
  sweep: {
    summary: 'Run one reminder sweep now: plan reminders and write them to the outbox (the server delivers them)',
    load: () => import('./commands/sweep.js'),
  },
}
