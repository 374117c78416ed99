// Writes the training responsibility matrix (core/features/matrix). A course's row in
// course_responsibilities replaces its stored one whole (a blank cell is the default);
// a course with rows in course_materials gets exactly those materials, matched by
// position (a changed one is updated, others created) and stored positions the file
// no longer has removed. A file without the provided_at column keeps what is stored
// (a material marked provided in chat stays provided).
import { type ApplyContext, idOf, optionalId, sameFields, tally } from './apply-context.js'
import { materialPositions } from './check-materials.js'
import type { CourseMaterialRow, CourseResponsibilityRow } from './schemas.js'
import type { Located } from './validate-rows.js'

export async function applyCourseResponsibilities(ctx: ApplyContext, rows: Located<CourseResponsibilityRow>[]): Promise<void> {
  if (rows.length === 0) return
  const { tx, ids } = ctx
  const stored = new Map((await tx.courseResponsibility.findMany()).map((r) => [r.courseId, r]))
  for (const { value: r } of rows) {
    const courseId = idOf(ids.courses, r.course_code)
    const wanted = {
      contentDepartmentId: optionalId(ids.departments, r.content_department_code),
      schedulerDepartmentId: optionalId(ids.departments, r.scheduler_department_code),
      coachDepartmentId: optionalId(ids.departments, r.coach_department_code),
      coachEmployeeId: optionalId(ids.employees, r.coach_email),
    }
    const existing = stored.get(courseId)
    if (!existing) {
      await tx.courseResponsibility.create({ data: { courseId, ...wanted } })
      tally(ctx, 'course_responsibilities', 'created')
    } else if (sameFields(existing, wanted)) {
      tally(ctx, 'course_responsibilities', 'unchanged')
    } else {
      await tx.courseResponsibility.update({ where: { courseId }, data: wanted })
      tally(ctx, 'course_responsibilities', 'updated')
    }
  }
}

export async function applyCourseMaterials(ctx: ApplyContext, rows: Located<CourseMaterialRow>[]): Promise<void> {
  if (rows.length === 0) return
  const { tx, ids } = ctx
  const positions = materialPositions(rows)
  const byCourse = new Map<number, { row: Located<CourseMaterialRow>; position: number }[]>()
  rows.forEach((row, i) => {
    const courseId = idOf(ids.courses, row.value.course_code)
    byCourse.set(courseId, [...(byCourse.get(courseId) ?? []), { row, position: positions[i]! }])
  })
  for (const [courseId, materials] of byCourse) {
    const stored = new Map((await tx.courseMaterial.findMany({ where: { courseId } })).map((m) => [m.position, m]))
    for (const { row, position } of materials) {
      const r = row.value
      const wanted = {
        titleZh: r.title_zh,
        titleEn: r.title_en,
        providerDepartmentId: optionalId(ids.departments, r.provider_department_code),
        providerEmployeeId: optionalId(ids.employees, r.provider_email),
        dueAt: r.due_date,
        url: r.url,
        ...(row.present.has('provided_at') ? { providedAt: r.provided_at } : {}),
      }
      const existing = stored.get(position)
      stored.delete(position)
      if (!existing) {
        await tx.courseMaterial.create({ data: { courseId, position, createdAt: ctx.now, ...wanted } })
        tally(ctx, 'course_materials', 'created')
      } else if (sameFields(existing, wanted)) {
        tally(ctx, 'course_materials', 'unchanged')
      } else {
        await tx.courseMaterial.update({ where: { id: existing.id }, data: wanted })
        tally(ctx, 'course_materials', 'updated')
      }
    }
    // What is left was dropped from the course's list.
    if (stored.size > 0) await tx.courseMaterial.deleteMany({ where: { id: { in: [...stored.values()].map((m) => m.id) } } })
  }
}
