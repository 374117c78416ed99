// The onboarding slice's intent (kernel/intent-spec.ts): a new hire's plan and progress.
import { z } from 'zod'
import { defineTool, type IntentSpec } from '../../kernel/intent-spec.js'
import { onboardingPlanCard } from './onboarding-card.js'
import { onboardingPlan } from './onboarding-plan.js'
import type { OnboardingDeps } from './ports.js'

export const onboardingIntents: IntentSpec<OnboardingDeps>[] = [
  {
    name: 'onboarding_plan',
    changesState: false,
    command: { words: ['onboarding'], argument: 'none' },
    cues: [
      [
        /\bonboarding\b|\bnew[- ]hire (plan|checklist|programme|program)\b|\bfirst (week|month|days)\b.{0,20}\b(plan|courses|trainings?)\b/,
        4,
      ],
      [/\b(new hires?|new joiners?|new starters?)\b.{0,30}\b(doing|progress|status|getting on|settling)\b/, 3],
      [/入职(计划|进度|培训|任务|安排|清单|流程|情况)|新人(的)?(入职|培训|进度|计划)|新员工(的)?(入职|培训|进度|计划)|岗前培训/, 4],
    ],
    canBeAboutSomeoneElse: true,
    answer: async (deps, actor, request) =>
      onboardingPlanCard(
        await onboardingPlan(deps, actor, {
          ...(request.subjectId !== undefined ? { subjectId: request.subjectId } : {}),
          ...(request.text ? { text: request.text } : {}),
        }),
        actor.locale,
        actor.employee.timeZone,
      ),
    tool: defineTool({
      description:
        "The asking employee's onboarding plan (courses, due dates, the job-description test), or with new_hires the onboarding progress of the new hires they follow (a manager's reports, everyone for HR).",
      schema: z.strictObject({ new_hires: z.boolean().optional() }),
      async run(deps: OnboardingDeps, actor, args) {
        const result = await onboardingPlan(deps, actor, args.new_hires ? { text: 'new hires' } : {})
        const summary =
          result.kind === 'plan'
            ? {
                done: result.view.done,
                total: result.view.items.length,
                overdue: result.view.overdue,
                courses: result.view.items.map((i) => ({ course: i.course.code, done: i.isDone, test: i.isTest })),
              }
            : result.kind === 'team'
              ? { newHires: result.members.map((m) => ({ done: m.view.done, total: m.view.items.length, overdue: m.view.overdue })) }
              : { status: result.kind }
        return { summary, card: onboardingPlanCard(result, actor.locale, actor.employee.timeZone) }
      },
    }),
  },
]
