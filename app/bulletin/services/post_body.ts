/*
| A post's body is plain text with three kinds of simple formatting:
| paragraphs (a blank line), lists (lines starting with "- " or "* "), and
| links ([text](https://…), or a bare https:// address). Everything else,
| HTML and scripts included, is shown as the text it is: the body is escaped
| before any markup is added, and only http(s) and mailto links are made.
*/

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c])

const LINK =
  /\[([^\]\n]{1,200})\]\(((?:https?:\/\/|mailto:)[^\s)]{1,500})\)|\bhttps?:\/\/[^\s<]{1,500}/g

/** Links in one line of escaped text. */
function linkify(line: string) {
  return line.replace(LINK, (match, text: string | undefined, href: string | undefined) => {
    const url = href ?? match.replace(/[.,;:!?]+$/, '')
    const rest = href ? '' : match.slice(url.length)
    return `<a href="${url}" rel="noopener noreferrer">${text ?? url}</a>${rest}`
  })
}

export function renderPostBody(body: string): string {
  const blocks = body
    .replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n\s*\n/)
    .map((block) => block.split('\n').map((line) => linkify(escape(line.trim()))))
  return blocks
    .map((lines) => {
      const isList = lines.every((line) => /^[-*] /.test(line))
      if (isList) return `<ul>${lines.map((line) => `<li>${line.slice(2)}</li>`).join('')}</ul>`
      return `<p>${lines.join('<br>')}</p>`
    })
    .join('\n')
}

/** The body as plain text for e-mail: the same words, without markup. */
export function postBodyAsText(body: string): string {
  return body.replace(/\[([^\]\n]+)\]\(([^\s)]+)\)/g, '$1 ($2)').trim()
}
