// Ladder console page. Plain browser JavaScript, no framework, no build step.
// All card HTML comes rendered and escaped from the server (adapters/web/render-card.ts);
// this script only inserts it, wires its buttons and forms to /console/action,
// and listens to /console/events for what the bot sends on its own.
'use strict'
;(function () {
  var body = document.body
  var texts = JSON.parse(body.getAttribute('data-texts') || '{}')
  var el = function (id) {
    return document.getElementById(id)
  }
  var picker = el('picker')
  var chat = el('chat')
  var log = el('log')
  var askForm = el('ask-form')
  var ask = el('ask')
  var toast = el('toast')
  var live = el('live')
  var whoami = el('whoami')
  var switchButton = el('switch')
  var inboxButton = el('inbox')
  var inboxCount = el('inbox-count')
  var pickerEvents = null
  var homeBody = el('home-body')
  var events = null
  var toastTimer = null

  function tr(key, params) {
    var text = texts[key] || key
    Object.keys(params || {}).forEach(function (name) {
      text = text.split('{' + name + '}').join(String(params[name]))
    })
    return text
  }

  function displayName(person) {
    return person.nameEn && person.nameEn !== person.name ? person.name + ' · ' + person.nameEn : person.name
  }

  // ---- HTTP --------------------------------------------------------------

  function SessionEnded() {}

  function api(method, url, payload) {
    var init = { method: method, credentials: 'same-origin', headers: { accept: 'application/json' } }
    if (payload !== undefined) {
      init.headers['content-type'] = 'application/json'
      init.body = JSON.stringify(payload)
    }
    return fetch(url, init).then(
      function (res) {
        if (res.status === 401) {
          endSession(tr('web.sessionEnded'))
          throw new SessionEnded()
        }
        return res.json().then(function (data) {
          if (!res.ok) throw new Error((data && data.message) || tr('web.httpError', { status: res.status }))
          return data
        })
      },
      function () {
        throw new Error(tr('web.networkError'))
      },
    )
  }

  function reportError(error) {
    if (error instanceof SessionEnded) return
    showToast('error', error.message)
  }

  function showToast(tone, text) {
    toast.className = 'toast toast-' + tone + ' is-visible'
    toast.textContent = text
    clearTimeout(toastTimer)
    toastTimer = setTimeout(function () {
      toast.className = 'toast'
      toast.textContent = ''
    }, 6000)
  }

  // ---- Cards in the page -------------------------------------------------

  /** The target marker of each dimension bar: positioned through the CSSOM (the CSP forbids style attributes). */
  function decorate(root) {
    var bars = root.querySelectorAll('.bar[data-target]')
    for (var i = 0; i < bars.length; i++) {
      var marker = bars[i].querySelector('.bar-target')
      if (marker) marker.style.setProperty('left', bars[i].getAttribute('data-target') + '%')
    }
  }

  function appendEntry(kind, html, text, messageId) {
    var item = document.createElement('li')
    item.className = 'entry entry-' + kind
    if (messageId) item.setAttribute('data-message-id', messageId)
    var who = document.createElement('p')
    who.className = 'who'
    who.textContent = kind === 'user' ? tr('web.you') : kind === 'push' ? tr('web.notification') : tr('web.bot')
    item.appendChild(who)
    var content = document.createElement('div')
    content.className = 'entry-body'
    if (html !== null) content.innerHTML = html
    else content.textContent = text
    item.appendChild(content)
    log.appendChild(item)
    decorate(content)
    item.scrollIntoView({ block: 'end', behavior: 'smooth' })
    return content
  }

  function replaceCard(card, html) {
    var holder = document.createElement('div')
    holder.innerHTML = html
    var fresh = holder.firstElementChild
    if (!fresh) return null
    card.replaceWith(fresh)
    decorate(fresh)
    return fresh
  }

  /** After a form or card changes: the first field in error, else the card's heading, takes focus. */
  function focusIn(root) {
    if (!root) return
    var invalid = root.querySelector('[aria-invalid="true"]')
    // A rating in error is a fieldset: its first radio takes the focus.
    if (invalid && invalid.tagName === 'FIELDSET') invalid = invalid.querySelector('input')
    var target = invalid || root.querySelector('h2[tabindex]')
    if (target) target.focus()
  }

  function focusFirstField(root) {
    var field = root && root.querySelector('form input, form select, form textarea')
    if (field) field.focus()
  }

  // ---- Actions: buttons and forms inside cards ---------------------------

  function sendAction(card, payload, control) {
    if (control) {
      control.disabled = true
      control.setAttribute('aria-busy', 'true')
    }
    return api('POST', '/console/action', payload)
      .then(function (answer) {
        if (answer.toast) showToast(answer.toast.tone, answer.toast.text)
        var replaced = answer.replace && card ? replaceCard(card, answer.replace) : null
        var appended = null
        ;(answer.append || []).forEach(function (html) {
          appended = appendEntry('bot', html, null)
        })
        if (payload.actionId === 'open_form' && appended) focusFirstField(appended)
        else if (replaced) focusIn(replaced)
      })
      .catch(reportError)
      .then(function () {
        if (control && control.isConnected) {
          control.disabled = false
          control.removeAttribute('aria-busy')
        }
      })
  }

  function onClick(event) {
    var button = event.target.closest('button[data-action-id]')
    if (!button) return
    sendAction(
      button.closest('article.card'),
      {
        actionId: button.getAttribute('data-action-id'),
        value: button.getAttribute('data-action-value'),
        locale: button.getAttribute('data-locale') || undefined,
      },
      button,
    )
  }

  function onSubmit(event) {
    var form = event.target.closest('form.card-form')
    if (!form) return
    event.preventDefault()
    var values = {}
    var data = new FormData(form)
    data.forEach(function (value, name) {
      values[name] = String(value)
    })
    sendAction(
      form.closest('article.card'),
      {
        actionId: 'submit_form',
        value: form.getAttribute('data-form-key'),
        locale: form.getAttribute('data-locale') || undefined,
        values: values,
      },
      form.querySelector('button[type="submit"]'),
    )
  }

  log.addEventListener('click', onClick)
  log.addEventListener('submit', onSubmit)
  homeBody.addEventListener('click', onClick)
  homeBody.addEventListener('submit', onSubmit)

  // ---- Asking ------------------------------------------------------------

  function askQuestion(text) {
    appendEntry('user', null, text)
    var pending = appendEntry('bot', null, tr('web.busy'))
    pending.setAttribute('aria-busy', 'true')
    return api('POST', '/console/message', { text: text })
      .then(function (answer) {
        if (answer.html) {
          pending.innerHTML = answer.html
          decorate(pending)
        } else pending.textContent = ''
        pending.removeAttribute('aria-busy')
        if (answer.intent) pending.parentElement.setAttribute('data-intent', answer.intent)
      })
      .catch(function (error) {
        pending.parentElement.remove()
        reportError(error)
      })
  }

  askForm.addEventListener('submit', function (event) {
    event.preventDefault()
    var text = ask.value.trim()
    if (!text) return
    ask.value = ''
    askQuestion(text)
    ask.focus()
  })

  var examples = document.querySelectorAll('button.example')
  for (var i = 0; i < examples.length; i++) {
    examples[i].addEventListener('click', function (event) {
      askQuestion(event.currentTarget.getAttribute('data-example'))
      ask.focus()
    })
  }

  // ---- Dashboard ---------------------------------------------------------

  function loadHome() {
    return api('GET', '/console/home')
      .then(function (answer) {
        homeBody.innerHTML = answer.html
        decorate(homeBody)
      })
      .catch(reportError)
  }
  el('home-refresh').addEventListener('click', loadHome)

  // ---- The inbox: unread counts ------------------------------------------

  /** Shows a count on a badge (hidden at zero), with words for screen readers. */
  function setBadge(badge, n) {
    badge.textContent = n > 0 ? String(n) : ''
    badge.hidden = !(n > 0)
    badge.setAttribute('data-unread', String(n))
    badge.setAttribute('aria-label', tr('web.unread', { n: n }))
  }

  function onUnread(event) {
    setBadge(inboxCount, JSON.parse(event.data).unread)
  }

  // Opening the inbox: the first card in it comes into view, and everything is read.
  inboxButton.addEventListener('click', function () {
    var first = log.querySelector('li.entry-push')
    if (first) first.scrollIntoView({ block: 'start', behavior: 'smooth' })
    api('POST', '/console/inbox/read')
      .then(function (answer) {
        setBadge(inboxCount, answer.unread)
      })
      .catch(reportError)
  })

  function openPickerEvents() {
    closePickerEvents()
    pickerEvents = new EventSource('/console/people/events')
    pickerEvents.addEventListener('unread', function (event) {
      var data = JSON.parse(event.data)
      var badge = document.querySelector('#people button[data-email="' + CSS.escape(data.email) + '"] .unread-badge')
      if (badge) setBadge(badge, data.unread)
    })
  }

  function closePickerEvents() {
    if (pickerEvents) pickerEvents.close()
    pickerEvents = null
  }

  // ---- Live messages (reminders, escalations, broadcasts) ----------------

  function onPushed(event) {
    var message = JSON.parse(event.data)
    var existing = log.querySelector('[data-message-id="' + CSS.escape(message.id) + '"] article.card')
    if (existing) replaceCard(existing, message.html)
    else appendEntry('push', message.html, null, message.id)
  }

  function openEvents() {
    closeEvents()
    events = new EventSource('/console/events')
    events.addEventListener('card', onPushed)
    events.addEventListener('update', onPushed)
    events.addEventListener('unread', onUnread)
    events.addEventListener('open', function () {
      live.firstElementChild.textContent = tr('web.live')
      live.className = 'live is-connected'
    })
    events.addEventListener('error', function () {
      live.firstElementChild.textContent = tr('web.offline')
      live.className = 'live is-offline'
    })
  }

  function closeEvents() {
    if (events) events.close()
    events = null
  }

  // ---- People and the session --------------------------------------------

  function showChat(person) {
    whoami.textContent = tr('web.signedInAs', { name: displayName(person) })
    switchButton.hidden = false
    inboxButton.hidden = false
    setBadge(inboxCount, 0)
    closePickerEvents()
    picker.hidden = true
    chat.hidden = false
    body.setAttribute('data-state', 'chat')
    log.innerHTML = ''
    homeBody.innerHTML = ''
    openEvents()
    loadHome()
    ask.focus()
  }

  function showPicker(notice) {
    closeEvents()
    whoami.textContent = ''
    switchButton.hidden = true
    inboxButton.hidden = true
    chat.hidden = true
    picker.hidden = false
    body.setAttribute('data-state', 'picker')
    if (notice) showToast('info', notice)
    loadPeople()
    openPickerEvents()
    el('picker-title').focus()
  }

  function endSession(notice) {
    showPicker(notice)
  }

  function pick(email) {
    api('POST', '/console/session', { email: email })
      .then(function (answer) {
        showChat(answer.person)
      })
      .catch(reportError)
  }

  function personButton(person) {
    var button = document.createElement('button')
    button.type = 'button'
    button.className = 'person'
    button.setAttribute('data-email', person.email)
    var name = document.createElement('span')
    name.className = 'person-name'
    name.textContent = displayName(person)
    var detail = document.createElement('span')
    detail.className = 'person-detail'
    var zh = document.documentElement.lang === 'zh-CN'
    var job = person.job ? (zh ? person.job.zh : person.job.en) : ''
    detail.textContent = [job, person.email].filter(Boolean).join(' · ')
    var badge = document.createElement('span')
    badge.className = 'unread-badge'
    setBadge(badge, person.unread || 0)
    button.appendChild(name)
    button.appendChild(detail)
    button.appendChild(badge)
    button.addEventListener('click', function () {
      pick(person.email)
    })
    return button
  }

  function loadPeople() {
    var container = el('people')
    api('GET', '/console/people')
      .then(function (answer) {
        container.innerHTML = ''
        if (answer.people.length === 0) {
          var none = document.createElement('p')
          none.textContent = tr('web.noPeople')
          container.appendChild(none)
          return
        }
        ;['employee', 'manager', 'hr'].forEach(function (role) {
          var people = answer.people.filter(function (p) {
            return p.role === role
          })
          if (people.length === 0) return
          var group = document.createElement('section')
          group.className = 'people-group'
          group.setAttribute('data-role', role)
          var heading = document.createElement('h3')
          heading.textContent = tr('web.role.' + role)
          heading.id = 'role-' + role
          group.setAttribute('aria-labelledby', heading.id)
          var list = document.createElement('ul')
          people.forEach(function (person) {
            var item = document.createElement('li')
            item.appendChild(personButton(person))
            list.appendChild(item)
          })
          group.appendChild(heading)
          group.appendChild(list)
          container.appendChild(group)
        })
        if (answer.more > 0) {
          var more = document.createElement('p')
          more.textContent = tr('web.morePeople', { n: answer.more })
          container.appendChild(more)
        }
      })
      .catch(reportError)
  }

  switchButton.addEventListener('click', function () {
    showPicker()
  })

  var current = body.getAttribute('data-person')
  if (current) showChat(JSON.parse(current))
  else showPicker()
})()
