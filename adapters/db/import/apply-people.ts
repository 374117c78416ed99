// Writes employees (upsert by e-mail; managers linked once everyone exists) and
// their chat identities (upsert by platform, tenant and external id).
import { type ApplyContext, idOf, optionalId, presentOnly, sameFields, tally } from './apply-context.js'
import { insertMany, updateColumnById } from './bulk-write.js'
import type { EmployeeRow, IdentityRow } from './schemas.js'
import type { Located } from './validate-rows.js'

const EMPLOYEE_COLUMNS = {
  name: 'name',
  nameEn: 'name_en',
  locale: 'locale',
  timeZone: 'time_zone',
  departmentId: 'department_code',
  jobId: 'job_code',
  managerId: 'manager_email',
  hireDate: 'hire_date',
  roles: 'roles',
  status: 'status',
}

export async function applyEmployees(ctx: ApplyContext, rows: Located<EmployeeRow>[]): Promise<void> {
  if (rows.length === 0) return
  const { tx, ids } = ctx
  const stored = new Map((await tx.employee.findMany()).map((e) => [e.email, e]))
  const fields = (r: EmployeeRow) => ({
    name: r.name,
    nameEn: r.name_en,
    locale: r.locale,
    timeZone: r.time_zone,
    departmentId: optionalId(ids.departments, r.department_code),
    jobId: optionalId(ids.jobs, r.job_code),
    hireDate: r.hire_date,
    roles: r.roles.join(','),
    status: r.status,
  })
  // Managers may be new rows of this same file: create everyone first, link after.
  const fresh = rows.filter((r) => !stored.has(r.value.email))
  await insertMany(
    tx,
    'Employee',
    fresh.map(({ value: r }) => ({ email: r.email, ...fields(r) })),
  )
  if (fresh.length > 0) {
    for (const e of await tx.employee.findMany({ select: { id: true, email: true } })) ids.employees.set(e.email, e.id)
  }
  const newManagers: [number, number][] = []
  for (const { value: r, present } of rows) {
    const managerId = optionalId(ids.employees, r.manager_email)
    const existing = stored.get(r.email)
    if (!existing) {
      if (managerId !== null) newManagers.push([idOf(ids.employees, r.email), managerId])
      tally(ctx, 'employees', 'created')
      continue
    }
    const wanted = presentOnly({ ...fields(r), managerId }, EMPLOYEE_COLUMNS, present)
    if (sameFields(existing, wanted)) {
      tally(ctx, 'employees', 'unchanged')
      continue
    }
    await tx.employee.update({ where: { id: existing.id }, data: wanted })
    tally(ctx, 'employees', 'updated')
  }
  await updateColumnById(tx, 'Employee', 'managerId', newManagers)
}

export async function applyIdentities(ctx: ApplyContext, rows: Located<IdentityRow>[]): Promise<void> {
  if (rows.length === 0) return
  const key = (platform: string, tenant: string, externalId: string) => JSON.stringify([platform, tenant, externalId])
  const stored = new Map((await ctx.tx.chatIdentity.findMany()).map((i) => [key(i.platform, i.tenant, i.externalId), i]))
  for (const { value: r } of rows) {
    const employeeId = idOf(ctx.ids.employees, r.employee_email)
    const existing = stored.get(key(r.platform, r.tenant, r.external_id))
    if (!existing) {
      await ctx.tx.chatIdentity.create({
        data: { platform: r.platform, tenant: r.tenant, externalId: r.external_id, employeeId, linkedAt: ctx.now },
      })
      tally(ctx, 'identities', 'created')
    } else if (existing.employeeId === employeeId) {
      tally(ctx, 'identities', 'unchanged')
    } else {
      await ctx.tx.chatIdentity.update({ where: { id: existing.id }, data: { employeeId } })
      tally(ctx, 'identities', 'updated')
    }
  }
}
