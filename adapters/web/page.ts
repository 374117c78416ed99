// The console's one HTML page. Rendered on the server only to put the UI texts
// in the reader's language and the current person in data attributes; the
// behaviour is in static/console.js (no inline script: the CSP forbids it).
import type { Locale } from '../../core/kernel/domain/types.js'
import { web } from '../../core/kernel/i18n/en/web.js'
import { type MessageKey, t } from '../../core/kernel/i18n/index.js'
import { escapeHtml as esc } from './escape.js'

export interface PagePerson {
  email: string
  name: string
  nameEn: string | null
}

// Questions anyone can ask: the page is shown before a person is picked, and the help card
// (core/app/help-card.ts) offers the team and HR ones to those who can ask them.
const EXAMPLES = ['我晋升还差什么?', 'What do I need for promotion?', 'Which courses should I take?', '我的待办有哪些?']

function consoleTexts(locale: Locale): Record<string, string> {
  return Object.fromEntries(Object.keys(web).map((key) => [key, t(locale, key as MessageKey)]))
}

export function renderConsolePage(locale: Locale, person: PagePerson | null, assetVersion: string): string {
  const tr = (key: MessageKey) => esc(t(locale, key))
  const examples = EXAMPLES.map((q) => `<li><button type="button" class="example" data-example="${esc(q)}">${esc(q)}</button></li>`).join(
    '',
  )
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${tr('web.title')}</title>
<link rel="icon" href="/console/static/icon.svg?v=${assetVersion}" type="image/svg+xml">
<link rel="stylesheet" href="/console/static/console.css?v=${assetVersion}">
<script src="/console/static/console.js?v=${assetVersion}" defer></script>
</head>
<body data-texts="${esc(JSON.stringify(consoleTexts(locale)))}" data-person="${person ? esc(JSON.stringify(person)) : ''}">
<a class="skip-link" href="#ask">${tr('web.askLabel')}</a>
<header class="top">
<h1>${tr('web.title')}</h1>
<p id="whoami" class="whoami"></p>
<button id="inbox" type="button" class="btn btn-default inbox" hidden>${tr('web.inbox')} <span id="inbox-count" class="unread-badge" hidden></span></button>
<button id="switch" type="button" class="btn btn-default" hidden>${tr('web.switch')}</button>
</header>
<main>
<section id="picker" class="picker" aria-labelledby="picker-title" hidden>
<h2 id="picker-title" tabindex="-1">${tr('web.pickTitle')}</h2>
<p>${tr('web.pickHint')}</p>
<p class="notice"><small>${tr('web.notice')}</small></p>
<div id="people" class="people"></div>
</section>
<section id="chat" class="chat" aria-labelledby="chat-title" hidden>
<h2 id="chat-title" class="sr-only">${tr('web.conversation')}</h2>
<details id="home" class="home">
<summary>${tr('web.home')}</summary>
<div id="home-body" class="home-body"></div>
<button id="home-refresh" type="button" class="btn btn-default">${tr('web.refresh')}</button>
</details>
<ol id="log" class="log" role="log" aria-live="polite" aria-relevant="additions"></ol>
<p id="live" class="live"><small></small></p>
<form id="ask-form" class="ask" autocomplete="off">
<label for="ask">${tr('web.askLabel')}</label>
<div class="ask-row">
<input id="ask" name="text" type="text" maxlength="500" required placeholder="${tr('web.askPlaceholder')}">
<button type="submit" class="btn btn-primary">${tr('web.send')}</button>
</div>
<p class="examples-title" id="examples-title">${tr('web.examples')}</p>
<ul class="examples" aria-labelledby="examples-title">${examples}</ul>
</form>
</section>
<div id="toast" class="toast" role="status" aria-live="polite"></div>
</main>
</body>
</html>
`
}

/** A short page for "you may not open this" answers (no token, bad token, foreign host). */
export function renderRefusalPage(locale: Locale, message: string): string {
  return `<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(t(locale, 'web.title'))}</title>
<link rel="icon" href="/console/static/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/console/static/console.css"></head>
<body><main class="refusal"><h1>${esc(t(locale, 'web.title'))}</h1><p role="alert">${esc(message)}</p></main></body>
</html>
`
}
