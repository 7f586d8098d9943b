import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { urlFor } from '@adonisjs/core/services/url_builder'
import Post from '#bulletin/models/post'
import PostReply from '#bulletin/models/post_reply'
import { LOCALE_COOKIE } from '#core/services/locale'
import { createArea, createOrganisation, createUser } from '#tests/helpers/fixtures'

/*
| Issue 22: a post and a reply keep the language they were written in (the
| author's interface language unless the author chose another), and their
| text carries it in every interface language.
*/
test.group('The language of bulletin posts', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('a post written in the Swedish interface is Swedish: lang="sv" on its title and body', async ({
    client,
    assert,
  }) => {
    const { area } = await createArea()
    const author = await createUser('venue', {
      organisation: await createOrganisation('venue', area),
    })
    const reader = await createUser('distributor', {
      organisation: await createOrganisation('distributor', area),
    })

    const form = await client
      .get(urlFor('posts.create'))
      .withPlainCookie(LOCALE_COOKIE, 'sv')
      .loginAs(author)
    form.assertTextIncludes('name="language"')

    await client
      .post(urlFor('posts.store'))
      .form({
        audience: 'area',
        heading: 'Höstens program',
        message: 'Det nya programmet är ute.',
        submissionKey: randomUUID(),
      })
      .withPlainCookie(LOCALE_COOKIE, 'sv')
      .withCsrfToken()
      .loginAs(author)
    const post = await Post.findByOrFail('title', 'Höstens program')
    assert.equal(post.language, 'sv')

    // A Finnish reader sees it marked Swedish, in the inbox and on its page.
    const inbox = await client.get(urlFor('posts.index')).loginAs(reader)
    inbox.assertTextIncludes('lang="sv">Höstens program</a>')
    const page = await client.get(urlFor('posts.show', { id: post.id })).loginAs(reader)
    page.assertTextIncludes('<h1 lang="sv">Höstens program</h1>')
    page.assertTextIncludes('<div class="post__body" lang="sv">')

    // A reply written in the Finnish interface is Finnish.
    await client
      .post(urlFor('replies.store', { id: post.id }))
      .form({ message: 'Kiitos tiedosta!', submissionKey: randomUUID() })
      .withCsrfToken()
      .loginAs(reader)
    const reply = await PostReply.findByOrFail('post_id', post.id)
    assert.equal(reply.language, 'fi')
    const thread = await client.get(urlFor('posts.show', { id: post.id })).loginAs(author)
    thread.assertTextIncludes('<div class="post__body" lang="fi"><p>Kiitos tiedosta!</p>')
  })

  test('the author may name another language, also when editing', async ({ client, assert }) => {
    const { area } = await createArea()
    const author = await createUser('area_coordinator', { area })
    await client
      .post(urlFor('posts.store'))
      .form({
        audience: 'area',
        heading: 'Autumn programme',
        message: 'The new programme is out.',
        language: 'en',
        submissionKey: randomUUID(),
      })
      .withCsrfToken()
      .loginAs(author)
    const post = await Post.findByOrFail('title', 'Autumn programme')
    assert.equal(post.language, 'en')

    await client
      .put(urlFor('posts.update', { id: post.id }))
      .form({
        heading: 'Syksyn ohjelmisto',
        message: 'Uusi ohjelmisto on julkaistu.',
        language: 'fi',
      })
      .withCsrfToken()
      .loginAs(author)
    await post.refresh()
    assert.equal(post.language, 'fi')
    const page = await client
      .get(urlFor('posts.show', { id: post.id }))
      .withPlainCookie(LOCALE_COOKIE, 'en')
      .loginAs(author)
    page.assertTextIncludes('<h1 lang="fi">Syksyn ohjelmisto</h1>')
  })
})
