// The part of node-postgres (`pg`, installed with @prisma/adapter-pg) that Ladder uses
// directly: migrate.ts's one connection and intake-store.ts's pool. No @types/pg needed.
declare module 'pg' {
  interface QueryResult<R> {
    rows: R[]
    rowCount: number | null
  }
  interface Queryable {
    query<R = Record<string, unknown>>(text: string, values?: unknown[]): Promise<QueryResult<R>>
  }
  interface ConnectionConfig {
    connectionString?: string
    max?: number
    connectionTimeoutMillis?: number
    application_name?: string
  }
  export interface PoolClient extends Queryable {
    release(error?: Error | boolean): void
  }
  export class Client implements Queryable {
    constructor(config?: ConnectionConfig)
    connect(): Promise<void>
    end(): Promise<void>
    query<R = Record<string, unknown>>(text: string, values?: unknown[]): Promise<QueryResult<R>>
  }
  export class Pool implements Queryable {
    constructor(config?: ConnectionConfig)
    connect(): Promise<PoolClient>
    end(): Promise<void>
    query<R = Record<string, unknown>>(text: string, values?: unknown[]): Promise<QueryResult<R>>
  }
  const pg: { Client: typeof Client; Pool: typeof Pool }
  export default pg
}
