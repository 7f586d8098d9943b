import mysql from 'mysql2/promise'

/** A mysql2 pool on one of the app's databases, from the DB_* settings the app reads. */
export function benchPool(
  database: 'registry' | 'omakaiku',
  options: Omit<mysql.PoolOptions, 'host' | 'port' | 'user' | 'password' | 'database'> = {}
) {
  return mysql.createPool({
    host: process.env.DB_HOST ?? '127.0.0.1',
    port: Number(process.env.DB_PORT ?? 3306),
    user: process.env.DB_USER ?? 'root',
    password: process.env.DB_PASSWORD ?? '',
    database:
      database === 'registry'
        ? (process.env.DB_REGISTRY_DATABASE ?? 'kaikukanta')
        : (process.env.DB_OMAKAIKU_DATABASE ?? 'omakaiku'),
    ...options,
  })
}
