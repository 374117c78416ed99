// The system prompt: a template per language in prompts/ (files, so HR or an
// operator can reword it without touching code), filled with who is asking and
// the public catalogue (job and course codes the tools take).
import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import type { Actor } from '../../kernel/context.js'
import { displayName } from '../../kernel/context.js'
import type { Catalog, Locale } from '../../kernel/domain/types.js'
import { pick } from '../../kernel/domain/types.js'
import { projectPath } from '../../kernel/project-root.js'

export type SystemPrompts = Record<Locale, string>

/** The catalogue goes into every request: cap it so a large company does not fill the context window. */
const MAX_JOBS = 80
const MAX_COURSES = 80

/** Reads prompts/system.<locale>.md. Throws (with the path) when a file is missing. */
export function loadSystemPrompts(dir: URL = pathToFileURL(projectPath('prompts') + '/')): SystemPrompts {
  const read = (locale: Locale) => readFileSync(new URL(`system.${locale}.md`, dir), 'utf8')
  return { en: read('en'), 'zh-CN': read('zh-CN') }
}

function list(lines: string[], max: number): string {
  if (lines.length === 0) return '-'
  const shown = lines.slice(0, max).map((l) => `- ${l}`)
  if (lines.length > max) shown.push(`- … (${lines.length - max} more)`)
  return shown.join('\n')
}

export function renderSystemPrompt(template: string, actor: Actor, catalog: Catalog, now: Date): string {
  const { employee, locale } = actor
  const job = catalog.jobs.find((j) => j.id === employee.jobId)
  const values: Record<string, string> = {
    name: displayName(employee, locale),
    job: job ? `${pick(job.title, locale)} (${job.code})` : '-',
    roles: employee.roles.join(', '),
    today: now.toISOString().slice(0, 10),
    jobs: list(
      catalog.jobs.map((j) => `${j.code}: ${pick(j.title, locale)}`),
      MAX_JOBS,
    ),
    courses: list(
      catalog.courses.map((c) => `${c.code}: ${pick(c.title, locale)}`),
      MAX_COURSES,
    ),
  }
  // One pass, so a value that happens to contain "{name}" is not filled again.
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole)
}
