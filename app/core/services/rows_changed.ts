/**
 * How many rows an UPDATE or DELETE changed, whatever the driver answers:
 * a number from one, an array holding it from another.
 */
export function rowsChanged(result: unknown): number {
  return Number(Array.isArray(result) ? result[0] : result)
}
