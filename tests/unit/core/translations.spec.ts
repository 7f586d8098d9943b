import { readdirSync, readFileSync } from 'node:fs'
import { test } from '@japa/runner'

/*
| Finnish is the source; Swedish and English must have every key, no extra
| keys, no empty texts, and the same placeholders ({name}, {count, plural…}).
*/
const LANG = new URL('../../../resources/lang/', import.meta.url).pathname
const TRANSLATIONS = ['sv', 'en']

type Texts = Record<string, string>

function flatten(value: unknown, prefix = '', into: Texts = {}): Texts {
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    if (child !== null && typeof child === 'object') flatten(child, `${prefix}${key}.`, into)
    else into[`${prefix}${key}`] = child as string
  }
  return into
}

const read = (locale: string, file: string) =>
  flatten(JSON.parse(readFileSync(`${LANG}${locale}/${file}`, 'utf8')))

/** The names of the ICU arguments a text uses: "{count, plural, one {# card}}" → count. */
function argumentsOf(text: string): string[] {
  const names = new Set<string>()
  let depth = 0
  for (let index = 0; index < text.length; index++) {
    if (text[index] === '{') {
      if (depth % 2 === 0) {
        const name = text.slice(index + 1).match(/^\s*([A-Za-z_]\w*)/)
        if (name) names.add(name[1])
      }
      depth++
    } else if (text[index] === '}') depth--
  }
  return [...names].sort()
}

const files = () => readdirSync(`${LANG}fi`).filter((file) => file.endsWith('.json'))

test.group('Translations', () => {
  for (const locale of TRANSLATIONS) {
    test(`${locale} has exactly the files Finnish has`, ({ assert }) => {
      const own = readdirSync(`${LANG}${locale}`).filter((file) => file.endsWith('.json'))
      assert.sameMembers(own, files())
    })

    test(`${locale} has every Finnish key with a text and the same placeholders`, ({ assert }) => {
      const problems: string[] = []
      for (const file of files()) {
        const source = read('fi', file)
        const translated = read(locale, file)
        for (const key of Object.keys(source)) {
          if (!(key in translated)) problems.push(`${file}: missing ${key}`)
          else if (typeof translated[key] !== 'string' || translated[key].trim() === '')
            problems.push(`${file}: empty ${key}`)
          else if (argumentsOf(source[key]).join() !== argumentsOf(translated[key]).join()) {
            problems.push(`${file}: placeholders of ${key} differ`)
          }
        }
        for (const key of Object.keys(translated)) {
          if (!(key in source)) problems.push(`${file}: extra ${key}`)
        }
      }
      assert.deepEqual(problems, [])
    })
  }

  test('placeholders are read from ICU texts, plural branches included', ({ assert }) => {
    assert.deepEqual(argumentsOf('{count, plural, =0 {No cards} one {1 card} other {# cards}}'), [
      'count',
    ])
    assert.deepEqual(argumentsOf('Hello {name}, {link}'), ['link', 'name'])
  })
})
