import { createHash, timingSafeEqual } from 'node:crypto'
import env from '#start/env'

const digest = (value: string) => createHash('sha256').update(value).digest()

/**
 * Whether the request's `Authorization: Bearer …` carries METRICS_TOKEN,
 * compared in constant time. Without a configured token nobody may read.
 */
export function mayReadMetrics(authorization: string | undefined) {
  const token = env.get('METRICS_TOKEN')
  if (!token) return false
  const given = /^Bearer (.+)$/.exec(authorization ?? '')?.[1]
  return given !== undefined && timingSafeEqual(digest(given), digest(token))
}
