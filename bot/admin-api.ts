// The HTTP admin API for an HRIS (docs/admin-api.md): import and export through the
// same code as `ladder import` / `ladder export` (adapters/db/import, adapters/db/export.ts,
// bot/after-import.ts), and the health of each platform connection. A bearer token from
// ADMIN_API_TOKEN guards every route; without one the routes are not registered at all.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Logger as Pino } from 'pino'
import type { Db } from '../adapters/db/client.js'
import { exportEntity } from '../adapters/db/export.js'
import type { Readiness } from '../adapters/db/health.js'
import {
  decodeImportFile,
  describeErrors,
  ENTITIES,
  type Entity,
  entityFromFileName,
  formatSummary,
  type ImportFile,
  importFiles,
  isEntity,
} from '../adapters/db/import/index.js'
import { outboxHealth } from '../adapters/db/outbox-backlog.js'
import { isSameToken } from '../adapters/web/console-access.js'
import type { LadderDeps } from '../core/app/store.js'
import { afterImport } from './after-import.js'
import type { PlatformHealth } from './platforms/index.js'

const ADMIN_PREFIX = '/admin/v1'
/** Who imports through the API, in the audit log (`ladder audit --action import`). */
const ADMIN_ACTOR = 'admin-api'

export interface AdminApiOptions {
  token: string
  maxBodyBytes: number
  db: Db
  /** For what an import sets off (onboarding, job-description notices). */
  deps: LadderDeps
  log: Pino
  now: () => Date
  readiness: () => Promise<Readiness>
  /** The running platforms' connections; null before they are started. */
  platforms: () => PlatformHealth[] | null
  /** The delivery worker's figures, once it runs. */
  delivery: () => unknown
  /** Failed authentications an address may make per window before it is refused for the rest of it. */
  failedAuthLimit?: { count: number; windowMs: number }
}

const FAILED_AUTH_LIMIT = { count: 10, windowMs: 60_000 }
const BODY_TYPES = ['multipart/form-data', 'text/csv', 'application/json']

class BadRequest extends Error {}

/** Registers the routes under /admin/v1 (before listen). */
export function registerAdminApi(app: FastifyInstance, options: AdminApiOptions): void {
  app.register(
    async (scope) => {
      // Bodies are taken as bytes: the importer decodes them (UTF-8, GB18030/GBK, UTF-16) as it does files.
      scope.removeAllContentTypeParsers()
      scope.addContentTypeParser(BODY_TYPES, { parseAs: 'buffer', bodyLimit: options.maxBodyBytes }, (_request, body, done) =>
        done(null, body),
      )
      scope.addHook('onRequest', bearerAuth(options))
      scope.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
        if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
          return reply.code(413).send({
            error: `the request body is larger than ${options.maxBodyBytes / (1024 * 1024)} MB (ADMIN_API_MAX_BODY_MB)`,
          })
        if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
          return reply.code(415).send({ error: `unsupported Content-Type: send ${BODY_TYPES.join(', ')}` })
        if (error instanceof BadRequest || (error.statusCode !== undefined && error.statusCode < 500))
          return reply.code(error.statusCode ?? 400).send({ error: error.message })
        request.log.error({ err: error }, 'admin api request failed')
        return reply.code(500).send({ error: 'internal error: see the server log' })
      })

      scope.post('/import', async (request, reply) => {
        if (!request.headers['content-type']?.toLowerCase().startsWith('multipart/form-data'))
          throw new BadRequest(
            'POST /admin/v1/import takes multipart/form-data (one file per entity); for a single body use POST /admin/v1/import/:entity',
          )
        return runImport(options, await formFiles(request), dryRunOf(request), reply)
      })

      scope.post<{ Params: { entity: string } }>('/import/:entity', async (request, reply) => {
        const entity = request.params.entity
        if (!isEntity(entity)) return unknownEntity(reply, entity)
        const type = request.headers['content-type']?.toLowerCase() ?? ''
        const body = request.body
        if (!Buffer.isBuffer(body)) throw new BadRequest(`send the ${entity} rows as the body (text/csv or application/json)`)
        if (type.startsWith('multipart/form-data')) return runImport(options, await formFiles(request, entity), dryRunOf(request), reply)
        const isJson = type.startsWith('application/json')
        if (isJson) checkJson(body)
        return runImport(options, [{ name: `${entity}.${isJson ? 'json' : 'csv'}`, content: body, type: entity }], dryRunOf(request), reply)
      })

      scope.get<{ Params: { entity: string }; Querystring: { format?: string } }>('/export/:entity', async (request, reply) => {
        const entity = request.params.entity
        if (!isEntity(entity)) return unknownEntity(reply, entity)
        const format = request.query.format ?? 'csv'
        if (format !== 'csv' && format !== 'json') throw new BadRequest('format must be csv or json')
        const content = await exportEntity(options.db, entity, format)
        return reply
          .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8')
          .header('content-disposition', `attachment; filename="${entity}.${format}"`)
          .send(content)
      })

      scope.get('/health', async (_request, reply) => {
        const [database, outbox] = await Promise.all([options.readiness(), outboxHealth(options.db, options.now())])
        const platforms = options.platforms() ?? []
        const isHealthy = database.ready && platforms.every((p) => p.state !== 'disconnected')
        return reply.code(isHealthy ? 200 : 503).send({
          status: isHealthy ? 'ok' : 'degraded',
          platforms,
          database,
          outbox,
          delivery: options.delivery() ?? null,
        })
      })
    },
    { prefix: ADMIN_PREFIX },
  )
}

/** `Authorization: Bearer <token>`, compared in constant time; repeated failures from one address are refused for a while. */
function bearerAuth(options: AdminApiOptions) {
  const limit = options.failedAuthLimit ?? FAILED_AUTH_LIMIT
  const failures = new Map<string, { count: number; since: number }>()
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const at = Date.now()
    for (const [ip, entry] of failures) if (at - entry.since >= limit.windowMs) failures.delete(ip)
    const entry = failures.get(request.ip)
    if (entry && entry.count >= limit.count) {
      const seconds = Math.ceil((entry.since + limit.windowMs - at) / 1000)
      return reply
        .code(429)
        .header('retry-after', String(seconds))
        .send({ error: `too many failed authentications from this address: try again in ${seconds} s` })
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')
    if (match?.[1] && isSameToken(match[1], options.token)) return
    failures.set(request.ip, { count: (entry?.count ?? 0) + 1, since: entry?.since ?? at })
    options.log.warn({ ip: request.ip, route: request.url.split('?')[0] }, 'admin api: authentication failed')
    return reply
      .code(401)
      .header('www-authenticate', 'Bearer realm="ladder-admin"')
      .send({ error: match ? 'the bearer token is wrong' : 'send Authorization: Bearer <ADMIN_API_TOKEN>' })
  }
}

function dryRunOf(request: FastifyRequest): boolean {
  const value = (request.query as Record<string, unknown>).dryRun
  if (value === undefined || value === 'false' || value === '0') return false
  if (value === 'true' || value === '1' || value === '') return true
  throw new BadRequest('dryRun must be true or false')
}

function unknownEntity(reply: FastifyReply, entity: string) {
  return reply.code(404).send({ error: `unknown entity "${entity}": expected one of ${ENTITIES.join(', ')}`, entities: ENTITIES })
}

/**
 * The files of a multipart form: each file part is one import file, named by its file
 * name as `ladder import` names a path; a field named after an entity forces it (like --type).
 */
async function formFiles(request: FastifyRequest, forced?: Entity): Promise<ImportFile[]> {
  const body = request.body
  if (!Buffer.isBuffer(body)) throw new BadRequest('the multipart body is empty')
  let form: FormData
  try {
    form = await new Response(new Blob([new Uint8Array(body)]), {
      headers: { 'content-type': String(request.headers['content-type']) },
    }).formData()
  } catch {
    throw new BadRequest('the multipart/form-data body is malformed (check its boundary and parts)')
  }
  const entries: [string, FormDataEntryValue][] = []
  form.forEach((value, field) => {
    entries.push([field, value])
  })
  const files: ImportFile[] = []
  for (const [field, value] of entries) {
    if (typeof value === 'string')
      throw new BadRequest(`form field "${field}" is not a file: send each entity as a file part (curl -F "file=@employees.csv")`)
    const type = forced ?? (isEntity(field) ? field : undefined)
    files.push({ name: value.name || field, content: new Uint8Array(await value.arrayBuffer()), ...(type ? { type } : {}) })
  }
  if (files.length === 0) throw new BadRequest('the form holds no files')
  return files
}

/** A JSON body the importer would refuse as a whole is a malformed request (400), not a row error. */
function checkJson(body: Buffer): void {
  const decoded = decodeImportFile(body)
  if (!decoded.ok) return // the importer names the encoding problem, as the CLI does
  try {
    JSON.parse(decoded.text.replace(/^\uFEFF/, ''))
  } catch (error) {
    throw new BadRequest(`the body is not valid JSON: ${(error as Error).message}`)
  }
}

async function runImport(options: AdminApiOptions, files: ImportFile[], dryRun: boolean, reply: FastifyReply) {
  const result = await importFiles(options.db, files, { dryRun, now: options.now(), actor: ADMIN_ACTOR })
  const names = files.map((f) => f.name)
  if (!result.ok) {
    options.log.info({ actor: ADMIN_ACTOR, files: names, dryRun, errors: result.errors.length }, 'admin api: import refused')
    const entityOf = new Map(files.map((f) => [f.name, f.type ?? entityFromFileName(f.name)]))
    return reply.code(422).send({
      error: describeErrors(result.errors),
      errors: result.errors.map((e) => ({
        file: e.file,
        entity: entityOf.get(e.file) ?? null,
        row: e.row,
        column: e.column,
        message: e.reason,
      })),
    })
  }
  // Only entities the files touched, as the CLI's summary lists them.
  const counts = Object.fromEntries(
    ENTITIES.filter((e) => result.counts[e].created + result.counts[e].updated + result.counts[e].unchanged > 0).map((e) => [
      e,
      result.counts[e],
    ]),
  )
  options.log.info({ actor: ADMIN_ACTOR, files: names, dryRun, counts }, dryRun ? 'admin api: dry-run import' : 'admin api: imported')
  const after = dryRun ? null : await afterImport(options.deps, result.counts)
  return reply.send({ dryRun, counts, summary: formatSummary(result.counts, dryRun), afterImport: after })
}
