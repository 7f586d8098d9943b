import { test } from '@japa/runner'
import { postBodyAsText, renderPostBody } from '#bulletin/services/post_body'

test.group('Post body', () => {
  test('paragraphs, line breaks and lists', ({ assert }) => {
    assert.equal(
      renderPostBody('Hei!\nTervetuloa.\n\n- maanantai\n- tiistai\n\nKiitos'),
      '<p>Hei!<br>Tervetuloa.</p>\n<ul><li>maanantai</li><li>tiistai</li></ul>\n<p>Kiitos</p>'
    )
  })

  test('links: written ones and bare addresses, http(s) and mailto only', ({ assert }) => {
    assert.equal(
      renderPostBody('Katso [ohjelma](https://example.fi/ohjelma?a=1&b=2).'),
      '<p>Katso <a href="https://example.fi/ohjelma?a=1&amp;b=2" rel="noopener noreferrer">ohjelma</a>.</p>'
    )
    assert.equal(
      renderPostBody('Lisää: https://example.fi/x.'),
      '<p>Lisää: <a href="https://example.fi/x" rel="noopener noreferrer">https://example.fi/x</a>.</p>'
    )
    assert.equal(
      renderPostBody('[klikkaa](javascript:alert(1))'),
      '<p>[klikkaa](javascript:alert(1))</p>'
    )
  })

  test('HTML and scripts are shown as text, never run', ({ assert }) => {
    const html = renderPostBody(
      '<script>alert("x")</script> <img src=x onerror=alert(1)> <b>lihava</b>'
    )
    assert.notInclude(html, '<script')
    assert.notInclude(html, '<img')
    assert.notInclude(html, '<b>')
    assert.include(html, '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;')
    // A quote cannot break out of a link's address.
    const link = renderPostBody('[x](https://example.fi/"onmouseover="alert(1))')
    assert.notInclude(link, '"onmouseover')
  })

  test('as plain text for e-mail', ({ assert }) => {
    assert.equal(
      postBodyAsText(' Katso [ohjelma](https://example.fi). '),
      'Katso ohjelma (https://example.fi).'
    )
  })
})
