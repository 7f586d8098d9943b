import type { DateTime } from 'luxon'
import retentionConfig, { type RetentionKind } from '#config/retention'

/** What one module's clean-up removed of one kind. */
export type Removed = { kind: RetentionKind; count: number }

/** Rows of this kind whose period started before this moment are removed. */
export function retentionCutoff(kind: RetentionKind, now: DateTime) {
  return now.minus(retentionConfig[kind].kept)
}

/** "3 staff reset link(s), 12 expired holder session(s) removed", or "nothing removed". */
export function describeRemoved(removed: Removed[]) {
  const counted = removed
    .filter((entry) => entry.count > 0)
    .map((entry) => `${entry.count} ${retentionConfig[entry.kind].counted}`)
  return counted.length === 0 ? 'nothing removed' : `${counted.join(', ')} removed`
}
