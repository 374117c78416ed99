// Button clicks and form submissions from any platform, as neutral actions.

import { broadcastAction, handleBroadcastForm } from '../features/broadcasts/index.js'
import { handleDutyAction } from '../features/duties/index.js'
import {
  evaluationForm,
  evaluationFormCard,
  evaluationSavedCard,
  ratingForm as formOf,
  submitEvaluation,
} from '../features/evaluations/index.js'
import { handleFeedbackAction } from '../features/feedback/index.js'
import {
  assignTraining,
  confirmResultText,
  confirmTraining,
  enrol,
  markTrainingDone,
  promotionGap,
  promotionGapCard,
  quizForm,
  quizFormCard,
  quizQuestionsForm,
  quizResultCard,
  quizUnavailableText,
  recommendationsCard,
  recommendTraining,
  submitQuiz,
  trainingDoneCard,
} from '../features/gap/index.js'
import { eraseAction } from '../features/privacy/index.js'
import { handleReflectionAction, handleStartProgrammeForm, openReflection } from '../features/programmes/index.js'
import { snooze } from '../features/tasks/index.js'
import type { Actor } from '../kernel/context.js'
import { displayName } from '../kernel/context.js'
import { formatDate } from '../kernel/format.js'
import { translator } from '../kernel/i18n/index.js'
import type { ActionReply, InboundAction } from '../kernel/inbound.js'
import { answer, COURSE_INTENTS, INTENT_NAMES, JOB_INTENTS } from './intents.js'
import { CANCEL_VALUE } from './llm/tools.js'
import type { LadderDeps } from './store.js'

const ID = /^\d{1,12}$/
/** A task's "Done": its id, and `:list` when pressed on the to-do list. */
const FROM_LIST = /^(\d{1,12})(:list)?$/

export async function handleAction(deps: LadderDeps, actor: Actor, action: InboundAction): Promise<ActionReply> {
  const tr = translator(actor.locale)
  const invalid: ActionReply = { kind: 'notify', notice: { tone: 'error', text: tr('action.invalid') } }
  const refused: ActionReply = { kind: 'notify', notice: { tone: 'error', text: tr('access.refused') } }
  const { value } = action

  // Buttons on a channel broadcast card ("<code>@broadcast:<id>", "broadcast:<id>") answer with a toast only:
  // the card is shared by the whole channel.
  const broadcast = await broadcastAction(deps, actor, action)
  if (broadcast) return broadcast
  const broadcastForm = await handleBroadcastForm(deps, actor, action)
  if (broadcastForm) return broadcastForm

  // 360 forms ("feedback:…", "cycle:…") belong to the feedback module.
  if ((action.actionId === 'open_form' || action.actionId === 'submit_form') && /^(feedback|cycle):/.test(value)) {
    const reply = await handleFeedbackAction(deps, actor, action)
    if (reply) return reply
  }

  // HR's start-a-programme form ("programme:start").
  const programmeForm = await handleStartProgrammeForm(deps, actor, action)
  if (programmeForm) return programmeForm
  // A programme participant's reflection ("reflection:<task id>").
  const reflection = await handleReflectionAction(deps, actor, action)
  if (reflection) return reflection
  // A duty check-in's Submit and a course material's "Mark provided" ("checkin:<id>", "material:<id>").
  const duty = await handleDutyAction(deps, actor, action)
  if (duty) return duty

  switch (action.actionId) {
    case 'enrol': {
      // value: "<course code>" or "<course code>@recommend" — the card to refresh afterwards.
      const [courseCode, origin] = value.split('@')
      if (!courseCode) return invalid
      const result = await enrol(deps, actor, { courseCode })
      if (result.kind === 'unknown_course') return invalid
      const refreshed =
        origin === 'recommend'
          ? recommendationsCard(await recommendTraining(deps, actor), actor.locale)
          : promotionGapCard(await promotionGap(deps, actor), actor.locale)
      const key =
        result.kind === 'enrolled'
          ? 'training.enrolled'
          : result.kind === 'already_enrolled'
            ? 'training.alreadyEnrolled'
            : 'training.alreadyCompleted'
      return {
        kind: 'replace',
        card: refreshed,
        notice: { tone: 'success', text: tr(key, { course: result.course.code }) },
        isPersonal: true,
      }
    }
    case 'assign': {
      // value: "<course code>@<employee id>", from the gap report a manager or HR views for that person.
      const match = /^([^@\s]{1,40})@(\d{1,12})$/.exec(value)
      if (!match) return invalid
      const subjectId = Number(match[2])
      const result = await assignTraining(deps, actor, { courseCode: match[1], to: [subjectId] })
      if (result.kind === 'refused') return refused
      const [outcome] = result.kind === 'done' ? result.outcomes : []
      if (!outcome || outcome.kind === 'refused' || result.kind !== 'done') return invalid
      const name = displayName(outcome.employee, actor.locale)
      const course = result.course.code
      const text =
        outcome.kind === 'already_completed'
          ? tr('assign.toastCompleted', { name, course })
          : outcome.kind === 'already_assigned'
            ? tr('assign.toastAlready', { name, course })
            : tr('assign.toast', { name, course })
      const isNew = outcome.kind === 'assigned' || outcome.kind === 'enrolled_self'
      return {
        kind: 'replace',
        card: promotionGapCard(await promotionGap(deps, actor, { subjectId }), actor.locale),
        notice: { tone: isNew ? 'success' : 'info', text },
        isPersonal: true,
      }
    }
    case 'training_done': {
      const done = FROM_LIST.exec(value)
      if (!done) return invalid
      const result = await markTrainingDone(deps, actor, { assignmentId: Number(done[1]) })
      if (result.kind === 'refused') return refused
      const card = trainingDoneCard(result, actor.locale, actor.employee.timeZone)
      const notice = {
        tone: result.kind === 'completed' ? ('success' as const) : ('info' as const),
        text: card.header?.title ?? card.fallback,
      }
      // From the to-do list: the list again, with that task's line updated (gone when completed,
      // "reported" with its quiz when awaiting verification), the outcome in the notice.
      if (done[2] && result.kind !== 'below_pass_mark')
        return { kind: 'replace', card: await answer(deps, actor, 'my_tasks'), notice, isPersonal: true }
      return { kind: 'replace', card, notice, isPersonal: true }
    }
    case 'evaluation_done': {
      const done = FROM_LIST.exec(value)
      if (!done) return invalid
      const reply = await completeSimpleTask(deps, actor, Number(done[1]))
      if (!done[2] || reply.kind !== 'notify' || reply.notice.tone !== 'success') return reply
      return { kind: 'replace', card: await answer(deps, actor, 'my_tasks'), notice: reply.notice, isPersonal: true }
    }
    case 'snooze': {
      const match = /^(training|evaluation):(\d{1,12}):(1d|nwd)$/.exec(value)
      if (!match) return invalid
      const result = await snooze(deps, actor, {
        kind: match[1] as 'training' | 'evaluation',
        id: Number(match[2]),
        mode: match[3] as '1d' | 'nwd',
      })
      if (result.kind === 'refused') return refused
      return {
        kind: 'notify',
        notice: {
          tone: 'success',
          text: tr('snooze.done', {
            date: formatDate(result.until, actor.locale, actor.employee.timeZone) + ' ' + timeOf(result.until, actor),
          }),
        },
      }
    }
    case 'erase_person':
      return eraseAction(deps, actor, value)
    case 'quiz': {
      if (!ID.test(value)) return invalid
      return openQuiz(deps, actor, Number(value))
    }
    case 'confirm_training': {
      const match = /^(\d{1,12}):(yes|no)$/.exec(value)
      if (!match) return invalid
      const result = await confirmTraining(deps, actor, Number(match[1]), match[2] === 'yes')
      if (result.kind === 'refused') return refused
      const { text, ok } = confirmResultText(result, actor.locale, actor.employee.timeZone)
      return { kind: 'notify', notice: { tone: ok ? 'success' : 'info', text } }
    }
    case 'open_form':
    case 'submit_form': {
      const quiz = /^quiz:(\d{1,12})$/.exec(value)
      if (quiz)
        return action.actionId === 'open_form'
          ? openQuiz(deps, actor, Number(quiz[1]))
          : handleQuizSubmission(deps, actor, Number(quiz[1]), action.values ?? {})
      const match = /^evaluation:(\d{1,12})$/.exec(value)
      if (!match) return invalid
      const taskId = Number(match[1])
      if (action.actionId === 'open_form') {
        const result = await evaluationForm(deps, actor, taskId)
        if (result.kind === 'refused') return refused
        if (result.kind === 'not_open') return { kind: 'notify', notice: { tone: 'info', text: tr('evaluation.notOpen') } }
        return { kind: 'form', form: formOf(result, actor.locale), card: evaluationFormCard(result, actor.locale) }
      }
      const result = await submitEvaluation(deps, actor, taskId, action.values ?? {})
      if (result.kind === 'refused') return refused
      if (result.kind === 'not_open') return { kind: 'notify', notice: { tone: 'error', text: tr('evaluation.notOpen') } }
      if (result.kind === 'invalid') {
        const notice = { tone: 'error', text: tr('evaluation.formError') } as const
        const form = await evaluationForm(deps, actor, taskId)
        // The form cannot be shown again (closed or reassigned meanwhile): the notice alone.
        if (form.kind !== 'form') return { kind: 'notify', notice }
        const withErrors = formOf(form, actor.locale, result.errors)
        const card = evaluationFormCard(form, actor.locale, result.errors)
        return { kind: 'form_errors', form: withErrors, card, errors: withErrors.errors ?? {}, values: action.values ?? {}, notice }
      }
      const card = evaluationSavedCard(displayName(result.subject, actor.locale), result.count, actor.locale)
      return { kind: 'replace', card, notice: { tone: 'success', text: tr('evaluation.saved') }, isPersonal: true }
    }
    case 'ask': {
      // value: "<intent>[:<job or course code>][@<subject id>[,…]][~<words>][!<only for>]" (askValue: a
      // "did you mean…" button keeps what the question named, a confirmation what the model proposed),
      // "broadcast_report:<broadcast id>", or "cancel" (a confirmation's Cancel). The use case decides
      // access as always, as the person pressing.
      if (value === CANCEL_VALUE) return { kind: 'notify', notice: { tone: 'info', text: tr('llm.confirm.cancelled') } }
      const match = /^([a-z0-9_]+)(?::([^@~!]{1,40}))?(?:@(\d{1,12}(?:,\d{1,12}){0,49}))?(?:~([^!]{1,80}))?(?:!(\d{1,12}))?$/.exec(value)
      const [, intent, argument, subjects, words, onlyFor] = match ?? []
      if (!intent || !INTENT_NAMES.includes(intent)) return invalid
      // A confirmation is for the person who asked: anyone else pressing it would act for themselves unasked.
      if (onlyFor !== undefined && Number(onlyFor) !== actor.employee.id)
        return { kind: 'notify', notice: { tone: 'error', text: tr('llm.confirm.notYours') } }
      if (intent === 'broadcast_report' && argument !== undefined && !ID.test(argument)) return invalid
      const named = !argument
        ? {}
        : intent === 'broadcast_report'
          ? { broadcastId: Number(argument) }
          : COURSE_INTENTS.has(intent)
            ? { courseCode: argument }
            : JOB_INTENTS.has(intent)
              ? { jobCode: argument }
              : { text: argument }
      const ids = subjects ? subjects.split(',').map(Number) : []
      const detail = {
        ...named,
        ...(words ? { text: words } : {}),
        ...(ids.length > 0 ? { subjectId: ids[0]!, subjectIds: ids } : {}),
      }
      return { kind: 'follow_up', card: await answer(deps, actor, intent, detail) }
    }
  }
}

async function openQuiz(deps: LadderDeps, actor: Actor, assignmentId: number): Promise<ActionReply> {
  const result = await quizForm(deps, actor, assignmentId)
  if (result.kind !== 'form')
    return {
      kind: 'notify',
      notice: { tone: result.kind === 'refused' ? 'error' : 'info', text: quizUnavailableText(result, actor.locale) },
    }
  return { kind: 'form', form: quizQuestionsForm(result, actor.locale), card: quizFormCard(result, actor.locale) }
}

async function handleQuizSubmission(
  deps: LadderDeps,
  actor: Actor,
  assignmentId: number,
  values: Record<string, string>,
): Promise<ActionReply> {
  const tr = translator(actor.locale)
  const result = await submitQuiz(deps, actor, assignmentId, values)
  if (result.kind === 'invalid') {
    const notice = { tone: 'error', text: tr('quiz.formError') } as const
    const view = await quizForm(deps, actor, assignmentId)
    if (view.kind !== 'form') return { kind: 'notify', notice }
    const form = quizQuestionsForm(view, actor.locale, result.errors)
    const card = quizFormCard(view, actor.locale, result.errors)
    return { kind: 'form_errors', form, card, errors: form.errors ?? {}, values, notice }
  }
  if (result.kind !== 'passed' && result.kind !== 'failed')
    return {
      kind: 'notify',
      notice: { tone: result.kind === 'refused' ? 'error' : 'info', text: quizUnavailableText(result, actor.locale) },
    }
  const card = quizResultCard(result, assignmentId, actor.locale, actor.employee.timeZone)
  return {
    kind: 'replace',
    card,
    notice: { tone: result.kind === 'passed' ? 'success' : 'error', text: card.header?.title ?? card.fallback },
    isPersonal: true,
  }
}

function timeOf(at: Date, actor: Actor): string {
  return new Intl.DateTimeFormat(actor.locale, { hour: '2-digit', minute: '2-digit', timeZone: actor.employee.timeZone }).format(at)
}

/** Tasks without a form: the assignee marks them done (a reflection's button opens its form). */
async function completeSimpleTask(deps: LadderDeps, actor: Actor, taskId: number): Promise<ActionReply> {
  const tr = translator(actor.locale)
  const task = await deps.store.progress.evaluation(taskId)
  // A reflection is written in its form, never marked done without its text.
  if (task?.kind === 'reflection') return openReflection(deps, actor, taskId)
  // A 360 request is answered through its form, never closed without an answer.
  if (!task || task.assigneeId !== actor.employee.id || task.kind === 'rating_360')
    return { kind: 'notify', notice: { tone: 'error', text: tr('access.refused') } }
  if (task.status === 'completed' || task.status === 'cancelled')
    return { kind: 'notify', notice: { tone: 'info', text: tr('evaluation.notOpen') } }
  await deps.store.transaction(async (tx) => {
    await tx.progress.completeEvaluation({ taskId, now: deps.clock.now() })
    await tx.audit.record({
      actorId: actor.employee.id,
      actor: `employee:${actor.employee.id}`,
      action: 'evaluation.done',
      entity: 'EvaluationTask',
      entityId: taskId,
    })
  })
  return { kind: 'notify', notice: { tone: 'success', text: tr('evaluation.doneToast') } }
}
