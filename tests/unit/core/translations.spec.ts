import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { test } from '@japa/runner'

/*
| Finnish is the source language. For every JSON file in resources/lang/fi,
| Swedish and English must have a file of the same name with exactly the same
| keys (nested objects flattened with dots; a key that itself contains a dot,
| such as "birthYear.oldEnough", counts as it is), a non-empty text for every
| key, and the same ICU arguments ({name}, {count, plural, …}) as the Finnish
| text. The plural branches must be ones the language has (sv, en: one, other,
| or an exact =N). Neither may have a file that Finnish lacks.
*/
const LANG = new URL('../../../resources/lang/', import.meta.url).pathname
const SOURCE = 'fi'
const TRANSLATIONS = ['sv', 'en']

const jsonFiles = (locale: string) =>
  existsSync(`${LANG}${locale}`)
    ? readdirSync(`${LANG}${locale}`)
        .filter((file) => file.endsWith('.json'))
        .sort()
    : []

/** {"a": {"b": "x", "c.d": "y"}} → {"a.b": "x", "a.c.d": "y"}; values other than objects kept as they are. */
function flatten(value: unknown, prefix = '', into: Record<string, unknown> = {}) {
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    if (child !== null && typeof child === 'object') flatten(child, `${prefix}${key}.`, into)
    else into[`${prefix}${key}`] = child
  }
  return into
}

function readTexts(locale: string, file: string): Record<string, unknown> {
  const parsed: unknown = JSON.parse(readFileSync(`${LANG}${locale}/${file}`, 'utf8'))
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error('the file is not a JSON object')
  }
  return flatten(parsed)
}

type Plural = { name: string; type: 'plural' | 'selectordinal'; keys: string[] }
type Icu = { names: string[]; plurals: Plural[] }

/**
 * Reads an ICU message the way intl-messageformat does: the argument names
 * ("{count, plural, one {# card} other {{name}: # cards}}" → count, name) and
 * the branch keys of each plural. Throws on broken syntax (unbalanced braces,
 * a plural without branches). Apostrophes quote as in ICU: '' is one
 * apostrophe, and '{ … ' is literal text; any other apostrophe is just text.
 */
function readIcu(text: string): Icu {
  const names = new Set<string>()
  const plurals: Plural[] = []
  let at = 0

  const fail = (why: string): never => {
    throw new Error(`${why} at character ${at + 1} of "${text}"`)
  }
  const skipSpace = () => {
    while (at < text.length && /\s/.test(text[at])) at++
  }
  const word = () => {
    const start = at
    while (at < text.length && !/[\s{},]/.test(text[at])) at++
    return text.slice(start, at)
  }

  // Reads text up to the "}" that closes it (left unread) or to the end.
  const message = (inPlural: boolean, nested: boolean) => {
    while (at < text.length) {
      const char = text[at]
      if (char === "'") {
        const next = text[at + 1]
        if (next === "'") at += 2
        else if (next === '{' || next === '}' || (inPlural && next === '#')) {
          at += 1
          while (at < text.length) {
            if (text[at] === "'" && text[at + 1] === "'") at += 2
            else if (text[at] === "'") break
            else at++
          }
          at++
        } else at++
      } else if (char === '{') {
        at++
        argument()
      } else if (char === '}') {
        if (!nested) fail('"}" without "{"')
        return
      } else at++
    }
    if (nested) fail('"{" without "}"')
  }

  const argument = () => {
    skipSpace()
    const name = word()
    if (!name) fail('an argument without a name')
    names.add(name)
    skipSpace()
    if (text[at] === '}') {
      at++
      return
    }
    if (text[at] !== ',') fail(`"," or "}" expected after {${name}`)
    at++
    skipSpace()
    const type = word()
    skipSpace()
    if (type === 'plural' || type === 'selectordinal' || type === 'select') {
      if (text[at] !== ',') fail(`"," expected after {${name}, ${type}`)
      at++
      const keys: string[] = []
      for (;;) {
        skipSpace()
        if (at >= text.length) fail(`{${name}, ${type}} is not closed`)
        if (text[at] === '}') break
        const key = word()
        if (!key) fail(`a branch key expected in {${name}, ${type}}`)
        if (key.startsWith('offset:')) continue
        skipSpace()
        if (text[at] !== '{') fail(`"{" expected after branch "${key}" of {${name}}`)
        at++
        message(type !== 'select', true)
        at++
        keys.push(key)
      }
      at++
      if (!keys.includes('other')) fail(`{${name}, ${type}} has no "other" branch`)
      if (type !== 'select') plurals.push({ name, type, keys })
    } else {
      // {n, number}, {d, date, short}, {n, number, ::currency/EUR}
      if (!type) fail(`a type expected after {${name},`)
      while (at < text.length && text[at] !== '}') {
        if (text[at] === '{') fail(`unexpected "{" in {${name}, ${type}}`)
        at++
      }
      if (at >= text.length) fail(`{${name}, ${type}} is not closed`)
      at++
    }
  }

  message(false, false)
  return { names: [...names].sort(), plurals }
}

function pluralKeyProblems(locale: string, plural: Plural): string[] {
  const categories = new Intl.PluralRules(locale, {
    type: plural.type === 'plural' ? 'cardinal' : 'ordinal',
  }).resolvedOptions().pluralCategories as string[]
  return plural.keys
    .filter((key) => !/^=\d+$/.test(key) && !categories.includes(key))
    .map(
      (key) => `branch "${key}" of {${plural.name}} is not a ${locale} plural form (${categories})`
    )
}

const listed = (names: string[]) => (names.length ? `{${names.join('}, {')}}` : '(none)')

/** Everything wrong with one translated file, one line each; empty when it is complete. */
function problemsOf(locale: string, file: string): string[] {
  let source: Record<string, unknown>
  try {
    source = readTexts(SOURCE, file)
  } catch (error) {
    return [`${SOURCE}/${file} cannot be read: ${(error as Error).message}`]
  }
  if (!existsSync(`${LANG}${locale}/${file}`)) {
    return [
      `${locale}/${file} is missing (it must have all ${Object.keys(source).length} keys of ${SOURCE}/${file})`,
    ]
  }
  let translated: Record<string, unknown>
  try {
    translated = readTexts(locale, file)
  } catch (error) {
    return [`${locale}/${file} is not valid JSON: ${(error as Error).message}`]
  }

  const missing = Object.keys(source).filter((key) => !(key in translated))
  const extra = Object.keys(translated).filter((key) => !(key in source))
  const problems = [
    ...missing.map((key) => `missing key: ${key}`),
    ...extra.map((key) => `extra key: ${key}`),
  ]

  for (const [key, value] of Object.entries(source)) {
    if (typeof value !== 'string' || value.trim() === '') {
      problems.push(`${SOURCE} text of ${key} is empty or not a string`)
    }
  }
  for (const [key, value] of Object.entries(translated)) {
    if (typeof value !== 'string' || value.trim() === '') {
      problems.push(`text of ${key} is empty or not a string`)
      continue
    }
    let own: Icu
    try {
      own = readIcu(value)
    } catch (error) {
      problems.push(`${key}: broken ICU message: ${(error as Error).message}`)
      continue
    }
    for (const plural of own.plurals) {
      problems.push(...pluralKeyProblems(locale, plural).map((problem) => `${key}: ${problem}`))
    }
    const finnish = source[key]
    if (typeof finnish !== 'string') continue
    let expected: string[]
    try {
      expected = readIcu(finnish).names
    } catch (error) {
      problems.push(`${key}: broken ICU message in ${SOURCE}: ${(error as Error).message}`)
      continue
    }
    if (expected.join() !== own.names.join()) {
      problems.push(
        `${key}: placeholders ${listed(own.names)} differ from ${SOURCE} ${listed(expected)}`
      )
    }
  }
  return problems
}

test.group('Translations', () => {
  for (const locale of TRANSLATIONS) {
    test(`${locale} has a file for every ${SOURCE} file and no others`, ({ assert }) => {
      const source = jsonFiles(SOURCE)
      const own = jsonFiles(locale)
      const problems = [
        ...source
          .filter((file) => !own.includes(file))
          .map((file) => `missing file: ${locale}/${file}`),
        ...own
          .filter((file) => !source.includes(file))
          .map((file) => `extra file: ${locale}/${file}`),
      ]
      assert.deepEqual(problems, [], `${locale}:\n  ${problems.join('\n  ')}`)
    })

    for (const file of jsonFiles(SOURCE)) {
      test(`${locale}/${file} has every key of ${SOURCE}/${file}, with text and the same placeholders`, ({
        assert,
      }) => {
        const problems = problemsOf(locale, file)
        assert.deepEqual(problems, [], `${locale}/${file}:\n  ${problems.join('\n  ')}`)
      })
    }
  }

  test('placeholders are read from ICU texts, plural branches included', ({ assert }) => {
    assert.deepEqual(readIcu('{count, plural, =0 {No cards} one {1 card} other {# cards}}').names, [
      'count',
    ])
    assert.deepEqual(readIcu('Hello {name}, {link}').names, ['link', 'name'])
    assert.deepEqual(readIcu('{n, plural, one {# card for {who}} other {# cards}}').names, [
      'n',
      'who',
    ])
    assert.deepEqual(readIcu("It's {name}'s card, '{not}' an argument").names, ['name'])
    assert.deepEqual(readIcu('{count, plural, =0 {x} one {y} other {z}}').plurals, [
      { name: 'count', type: 'plural', keys: ['=0', 'one', 'other'] },
    ])
  })

  test('broken ICU texts and foreign plural forms are caught', ({ assert }) => {
    assert.throws(() => readIcu('Hello {name'))
    assert.throws(() => readIcu('Hello name}'))
    assert.throws(() => readIcu('{count, plural, one {# card}}'))
    const [plural] = readIcu('{count, plural, one {a} few {b} other {c}}').plurals
    assert.lengthOf(pluralKeyProblems('sv', plural), 1)
    assert.lengthOf(pluralKeyProblems('en', plural), 1)
    assert.lengthOf(pluralKeyProblems('ru', plural), 0)
  })

  test('flattening keeps keys that contain a dot as they are', ({ assert }) => {
    assert.deepEqual(flatten({ shared: { messages: { 'birthYear.oldEnough': 'x' } } }), {
      'shared.messages.birthYear.oldEnough': 'x',
    })
  })
})
