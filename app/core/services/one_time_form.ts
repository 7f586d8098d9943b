/*
| Every form that changes something carries a one-time submission key,
| stored unique with what it produced. A double click or a retried request
| then finds the first result (`earlier`), and a copy that ran at the same
| moment fails on the unique key or on a rule the first one now trips:
| its answer is the first one's result too.
*/

/**
 * Runs a one-time form's action once per submission key: answers with what
 * the key already produced, or runs the action, and if the action fails
 * while a twin of the request has produced a result meanwhile, answers with
 * that.
 */
export async function oncePerSubmission<T>(
  produced: () => Promise<T | null>,
  action: () => Promise<T>
): Promise<T> {
  const earlier = await produced()
  if (earlier) return earlier
  return twinOnFailure(produced, action)
}

/**
 * The same without the first look, for an action that stores the key under
 * a unique index on a path where each round trip counts (the box office):
 * a repeat of a stored submission cannot insert its row again, so it fails,
 * and answers with what the key produced.
 */
export async function twinOnFailure<T>(
  produced: () => Promise<T | null>,
  action: () => Promise<T>
): Promise<T> {
  try {
    return await action()
  } catch (error) {
    const twin = await produced()
    if (twin) return twin
    throw error
  }
}
