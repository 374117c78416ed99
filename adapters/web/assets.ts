// The page's script and stylesheet, read once at start-up. Served from memory
// by exact name: there is no path to traverse.
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { pathToFileURL } from 'node:url'
import { projectPath } from '../../core/kernel/project-root.js'

export interface Asset {
  body: string
  type: string
}

export interface ConsoleAssets {
  files: Map<string, Asset>
  /** Changes when a file changes: the page links `?v=<version>` so browsers never use a stale script. */
  version: string
}

const FILES: Record<string, string> = {
  'console.js': 'text/javascript; charset=utf-8',
  'console.css': 'text/css; charset=utf-8',
  // Without an icon of its own the browser asks for /favicon.ico and logs a 404.
  'icon.svg': 'image/svg+xml',
}

export async function loadConsoleAssets(dir = pathToFileURL(projectPath('adapters', 'web', 'static') + '/')): Promise<ConsoleAssets> {
  const files = new Map<string, Asset>()
  const hash = createHash('sha256')
  for (const [name, type] of Object.entries(FILES)) {
    const body = await readFile(new URL(name, dir), 'utf8')
    hash.update(body)
    files.set(name, { body, type })
  }
  return { files, version: hash.digest('hex').slice(0, 12) }
}
