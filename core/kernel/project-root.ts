// Where Ladder's own files are: prompts/, prisma/migrations/, examples/demo/,
// adapters/web/static/. The code runs from its sources (tsx, the tests) or from
// the build (dist/, one level deeper), so a path relative to a module's own
// location would differ between the two; the project's root does not. It is the
// nearest directory above this module that holds a package.json (dist/ has none).
// The files are read where they are, never copied into the build: an operator who
// rewords prompts/ sees the change at the next start without rebuilding.
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

let root: string | undefined

/** The project's root directory (found once). */
function projectRoot(): string {
  if (root) return root
  let dir = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir)
    if (parent === dir) throw new Error(`No package.json above ${fileURLToPath(import.meta.url)}: cannot find Ladder's files`)
    dir = parent
  }
  root = dir
  return root
}

/** A path inside the project, e.g. projectPath('prisma', 'migrations'). */
export function projectPath(...segments: string[]): string {
  return join(projectRoot(), ...segments)
}
