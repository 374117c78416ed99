// Chromium for the console's browser tests: Debian's package (playwright cannot
// download a browser on this network). A machine without it fails those tests with
// how to install it; they are never skipped.
import { existsSync } from 'node:fs'
import { type Browser, chromium } from 'playwright-core'

const CHROMIUM = '/usr/bin/chromium'

export const hasChromium = (): boolean => existsSync(CHROMIUM)

/** Throws, inside a test, when Chromium is missing: a failure that says what to do. */
export function requireChromium(): void {
  if (!hasChromium())
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: the console's browser tests need it. ` +
        "Install Debian's package with `apt-get update && apt-get install -y chromium` (playwright cannot download a browser on this network).",
    )
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
}
