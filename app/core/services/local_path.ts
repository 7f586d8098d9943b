/**
 * Whether a return address (after a language switch or sign-in) is a path
 * of this site. Browsers read `//host` and `/\host` as another host, and
 * drop tabs and line breaks before reading, so `/<tab>/host` is one too.
 * Only a single leading `/` followed by anything but `/` or `\`, with no
 * control characters, is accepted.
 */
export function isLocalPath(value: unknown): value is string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) && !/\p{Cc}/u.test(value)
}
