import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import type { ApiClient } from '@japa/api-client'
import { DateTime } from 'luxon'
import { today } from '#core/services/time'
import Post from '#bulletin/models/post'
import PostReply from '#bulletin/models/post_reply'
import BulletinSetting from '#bulletin/models/bulletin_setting'
import PostService, { type PostInput } from '#bulletin/services/post_service'
import BulletinMailer from '#bulletin/services/bulletin_mailer'
import { readerOf, unreadCount } from '#bulletin/services/readers'
import Organisation from '#registry/models/organisation'
import type User from '#registry/models/user'
import { createArea, createOrganisation, createUser } from '#tests/helpers/fixtures'
import { createOffer } from '#tests/helpers/offer_fixtures'
import { fakeSmtp } from '#tests/helpers/fake_smtp'
import { urlFor } from '@adonisjs/core/services/url_builder'

/** Two areas with staff of every kind; area B is a pilot. */
async function network() {
  const a = await createArea('in_use')
  const b = await createArea('pilot')
  const venueOrgA = await createOrganisation('venue', a.area)
  const distOrgA = await createOrganisation('distributor', a.area)
  const people = {
    admin: await createUser('admin'),
    coordA: await createUser('area_coordinator', { area: a.area }),
    venueA: await createUser('venue', { organisation: venueOrgA }),
    distA: await createUser('distributor', { organisation: distOrgA }),
    distA2: await createUser('distributor', { organisation: distOrgA }),
    agentA: await createUser('ticket_agent', {
      organisation: await createOrganisation('ticket_agent', a.area),
    }),
    coordB: await createUser('area_coordinator', { area: b.area }),
    venueB: await createUser('venue', { organisation: await createOrganisation('venue', b.area) }),
    distB: await createUser('distributor', {
      organisation: await createOrganisation('distributor', b.area),
    }),
  }
  return { areaA: a.area, areaB: b.area, venueOrgA, distOrgA, ...people }
}
type Network = Awaited<ReturnType<typeof network>>
type Person = Exclude<keyof Network, 'areaA' | 'areaB' | 'venueOrgA' | 'distOrgA'>
const PEOPLE: Person[] = [
  'admin',
  'coordA',
  'venueA',
  'distA',
  'distA2',
  'agentA',
  'coordB',
  'venueB',
  'distB',
]

function postForm(overrides: Record<string, unknown> = {}) {
  return {
    audience: 'area',
    heading: 'Teatterin syyskausi',
    message: 'Uusi ohjelmisto on julkaistu.',
    submissionKey: randomUUID(),
    ...overrides,
  }
}

const asInput = (form: Record<string, unknown>) =>
  ({ ...postForm(), ...form, heading: String(form.heading ?? 'Otsikko') }) as unknown as PostInput

function send(client: ApiClient, user: User, form: Record<string, unknown>) {
  return client
    .post(urlFor('posts.store'))
    .form(form)
    .withCsrfToken()
    .loginAs(user)
    .header('referer', urlFor('posts.create'))
}

const countPosts = async () => (await Post.all()).length

test.group('Bulletin: who reads what', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  const audiences: Array<[string, Person, (n: Network) => Record<string, unknown>, Person[]]> = [
    ['a national announcement', 'admin', () => ({ audience: 'national' }), PEOPLE],
    [
      'areas by status (pilots)',
      'admin',
      () => ({ audience: 'national_status', areaStatus: 'pilot' }),
      ['admin', 'coordB', 'venueB', 'distB'],
    ],
    [
      'a whole area',
      'venueA',
      () => ({ audience: 'area' }),
      ['venueA', 'coordA', 'distA', 'distA2', 'agentA'],
    ],
    [
      "an area's distributors",
      'venueA',
      () => ({ audience: 'area_distributors' }),
      ['venueA', 'coordA', 'distA', 'distA2'],
    ],
    [
      "an area's venues",
      'distA',
      () => ({ audience: 'area_venues' }),
      ['distA', 'distA2', 'coordA', 'venueA'],
    ],
    [
      "a coordinator's area announcement",
      'coordA',
      () => ({ audience: 'area' }),
      ['coordA', 'venueA', 'distA', 'distA2', 'agentA'],
    ],
    [
      'one organisation',
      'venueA',
      (n) => ({ audience: 'organisation', organisationId: n.distOrgA.id }),
      ['venueA', 'distA', 'distA2'],
    ],
    ['one user', 'venueA', (n) => ({ audience: 'user', userId: n.distA.id }), ['venueA', 'distA']],
    [
      'an admin to another area',
      'admin',
      (n) => ({ audience: 'area_venues', areaId: n.areaB.id }),
      ['admin', 'coordB', 'venueB'],
    ],
  ]
  for (const [name, author, audience, readers] of audiences) {
    test(`${name} reaches exactly its audience`, async ({ client, assert }) => {
      const n = await network()
      const heading = name.replace(/'/g, '')
      const post = await new PostService().create(asInput({ ...audience(n), heading }), n[author])
      for (const person of PEOPLE) {
        const page = await client.get(urlFor('posts.show', { id: post.id })).loginAs(n[person])
        assert.equal(
          page.status(),
          readers.includes(person) ? 200 : 404,
          `${person} reading "${name}"`
        )
        const inbox = await client.get(urlFor('posts.index')).loginAs(n[person])
        assert.equal(inbox.text().includes(heading), readers.includes(person), `${person}'s inbox`)
      }
    })
  }
})

test.group("Bulletin: posting within one's scope", (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  const refusals: Array<
    [string, Person, (n: Network) => Promise<Record<string, unknown>>, string, string]
  > = [
    [
      "a venue to another area's organisation",
      'venueA',
      async (n) => ({
        audience: 'organisation',
        organisationId: (await Organisation.findOrFail(n.distB.organisationId)).id,
      }),
      'organisationId',
      'Voit lähettää viestin vain oman alueesi organisaatioille ja henkilöille.',
    ],
    [
      "a venue to another area's user",
      'venueA',
      async (n) => ({ audience: 'user', userId: n.distB.id }),
      'userId',
      'Voit lähettää viestin vain oman alueesi organisaatioille ja henkilöille.',
    ],
    [
      'a venue to another area, by a forged area',
      'venueA',
      async (n) => ({ audience: 'area_distributors', areaId: n.areaB.id }),
      'audience',
      'Voit lähettää viestin vain oman alueesi',
    ],
    [
      'a distributor posting a national announcement',
      'distA',
      async () => ({ audience: 'national' }),
      'audience',
      'Vain Kaikukeskus voi lähettää viestin koko maahan.',
    ],
    [
      'a coordinator posting to every pilot area',
      'coordA',
      async () => ({ audience: 'national_status', areaStatus: 'pilot' }),
      'audience',
      'Vain Kaikukeskus voi lähettää viestin koko maahan.',
    ],
    [
      "a coordinator to another area's organisation",
      'coordA',
      async (n) => ({ audience: 'organisation', organisationId: n.distB.organisationId }),
      'organisationId',
      'Voit lähettää viestin vain oman alueesi',
    ],
    [
      'the national centre to an area without choosing one',
      'admin',
      async () => ({ audience: 'area' }),
      'areaId',
      'Valitse alue.',
    ],
    ['an empty message', 'venueA', async () => ({ message: '  ' }), 'message', 'Kirjoita viesti.'],
    ['an empty subject', 'venueA', async () => ({ heading: '' }), 'heading', 'Kirjoita otsikko.'],
    [
      'an expiry in the past',
      'venueA',
      async () => ({ expiresOn: today().minus({ days: 2 }).toISODate() }),
      'expiresOn',
      'Päivä ei voi olla menneisyydessä.',
    ],
    [
      'a link to an unpublished offer',
      'venueA',
      async (n) => {
        await createOffer(n.venueOrgA, { title: 'Julkaistu' })
        return { offerId: (await createOffer(n.venueOrgA, { published: false })).id }
      },
      'offerId',
      'Valitse julkaistu tarjous listasta.',
    ],
  ]
  for (const [name, author, form, field, message] of refusals) {
    test(`refused: ${name}; nothing is written`, async ({ client, assert }) => {
      const n = await network()
      const before = await countPosts()
      const page = await send(client, n[author], postForm(await form(n)))
      page.assertTextIncludes(message)
      assert.include(page.text(), `id="${field}-error"`)
      assert.equal(await countPosts(), before)
    })
  }

  test('a pop-up venue outside every area cannot post to an area', async ({ client, assert }) => {
    const popUp = await Organisation.create({
      name: 'Pop-up',
      type: 'venue',
      areaId: null,
      municipalityId: null,
      venueCategory: 'museum',
      active: true,
    })
    const user = await createUser('venue', { organisation: popUp })
    const page = await send(client, user, postForm())
    page.assertTextIncludes('Organisaatiosi ei kuulu millekään alueelle')
    assert.equal(await countPosts(), 0)
  })

  test('only announcements can be pinned, and pinned ones come first', async ({
    client,
    assert,
  }) => {
    const n = await network()
    await send(client, n.venueA, postForm({ heading: 'Viesti kohteelta', pinned: 'true' }))
    await send(client, n.coordA, postForm({ heading: 'Koordinaattorin tiedote', pinned: 'true' }))
    await send(client, n.venueA, postForm({ heading: 'Uusin viesti' }))
    const venuePost = await Post.findByOrFail('title', 'Viesti kohteelta')
    assert.isFalse(venuePost.pinned)
    assert.equal(venuePost.kind, 'message')
    const announcement = await Post.findByOrFail('title', 'Koordinaattorin tiedote')
    assert.isTrue(announcement.pinned)
    assert.equal(announcement.kind, 'announcement')
    const inbox = await client.get(urlFor('posts.index')).loginAs(n.distA)
    const text = inbox.text()
    assert.isBelow(text.indexOf('Koordinaattorin tiedote'), text.indexOf('Uusin viesti'))
    assert.isBelow(text.indexOf('Uusin viesti'), text.indexOf('Viesti kohteelta'))
  })

  test('a double-submitted post is sent once', async ({ client, assert }) => {
    const n = await network()
    const form = postForm()
    await send(client, n.venueA, form)
    await send(client, n.venueA, form)
    assert.equal(await countPosts(), 1)
  })

  test('a double-submitted reply is sent once; a forged CSRF token writes nothing', async ({
    client,
    assert,
  }) => {
    const n = await network()
    await send(client, n.venueA, postForm({ audience: 'area_distributors' }))
    const post = await Post.firstOrFail()
    const reply = { message: 'Kiitos!', submissionKey: randomUUID() }
    for (let i = 0; i < 2; i++) {
      await client
        .post(urlFor('replies.store', { id: post.id }))
        .form(reply)
        .withCsrfToken()
        .loginAs(n.distA)
    }
    assert.lengthOf(await PostReply.all(), 1)

    const forged = await client
      .post(urlFor('posts.store'))
      .form({ ...postForm(), _csrf: 'forged' })
      .loginAs(n.venueA)
    forged.assertStatus(403)
    const forgedReply = await client
      .post(urlFor('replies.store', { id: post.id }))
      .form({ message: 'x', submissionKey: randomUUID(), _csrf: 'forged' })
      .loginAs(n.distA)
    forgedReply.assertStatus(403)
    assert.equal(await countPosts(), 1)
    assert.lengthOf(await PostReply.all(), 1)
  })

  test('HTML and scripts in a body are neutralised', async ({ client, assert }) => {
    const n = await network()
    await send(
      client,
      n.venueA,
      postForm({ message: '<script>alert(1)</script>\n\n- yksi\n- kaksi' })
    )
    const post = await Post.firstOrFail()
    const page = await client.get(urlFor('posts.show', { id: post.id })).loginAs(n.distA)
    assert.notInclude(page.text(), '<script>alert(1)</script>')
    assert.include(page.text(), '&lt;script&gt;alert(1)&lt;/script&gt;')
    assert.include(page.text(), '<ul><li>yksi</li><li>kaksi</li></ul>')
  })

  test('a venue links its post to one of its published offers', async ({ client, assert }) => {
    const n = await network()
    const offer = await createOffer(n.venueOrgA, { title: 'Kevätuhri' })
    await send(
      client,
      n.venueA,
      postForm({ audience: 'area_distributors', offerId: String(offer.id) })
    )
    const post = await Post.firstOrFail()
    const page = await client.get(urlFor('posts.show', { id: post.id })).loginAs(n.distA)
    assert.include(
      page.text(),
      `<a href="${urlFor('public_offers.show', { id: offer.id })}">Kevätuhri</a>`
    )
  })
})

test.group('Bulletin: reading, replying, editing, withdrawing', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('unread counts: a new post, reading it, a reply, mark all read', async ({
    client,
    assert,
  }) => {
    const n = await network()
    const count = async (user: User) => unreadCount(await readerOf(user))
    await send(client, n.venueA, postForm({ audience: 'area_distributors' }))
    const post = await Post.firstOrFail()
    assert.equal(await count(n.distA), 1)
    assert.equal(await count(n.venueA), 0)

    // Without JavaScript, the count is in the menu on page load; htmx refreshes it from its own URL.
    const home = await client.get(urlFor('home.show')).loginAs(n.distA)
    home.assertTextIncludes('(1 lukematonta)')
    const fragment = await client.get(urlFor('reading.unread_count')).loginAs(n.distA)
    fragment.assertTextIncludes('(1 lukematonta)')
    assert.notInclude(fragment.text(), '<html')

    await client.get(urlFor('posts.show', { id: post.id })).loginAs(n.distA)
    assert.equal(await count(n.distA), 0)

    const reply = await client
      .post(urlFor('replies.store', { id: post.id }))
      .form({ message: 'Kiitos, kerromme asiakkaille!', submissionKey: randomUUID() })
      .withCsrfToken()
      .loginAs(n.distA)
    reply.assertTextIncludes('Kiitos, kerromme asiakkaille!')
    assert.equal(await count(n.distA), 0)
    assert.equal(await count(n.venueA), 1)
    assert.equal(await count(n.distA2), 1)

    await client.post(urlFor('reading.mark_all_read')).withCsrfToken().loginAs(n.distA2)
    assert.equal(await count(n.distA2), 0)
  })

  test('search, sender filter and unread only', async ({ client, assert }) => {
    const n = await network()
    await send(client, n.venueA, postForm({ heading: 'Jazzilta torstaina', audience: 'area' }))
    await send(client, n.coordA, postForm({ heading: 'Palautetilaisuus', audience: 'area' }))
    const list = async (qs: Record<string, string>) => {
      const response = await client.get(urlFor('posts.index', {}, { qs })).loginAs(n.distA)
      return ['Jazzilta torstaina', 'Palautetilaisuus'].filter((t) => response.text().includes(t))
    }
    assert.deepEqual(await list({ q: 'jazz' }), ['Jazzilta torstaina'])
    assert.deepEqual(await list({ sender: 'area' }), ['Palautetilaisuus'])
    assert.deepEqual(await list({ sender: 'venue' }), ['Jazzilta torstaina'])
    await client
      .get(urlFor('posts.show', { id: (await Post.findByOrFail('title', 'Palautetilaisuus')).id }))
      .loginAs(n.distA)
    assert.deepEqual(await list({ unread: 'true' }), ['Jazzilta torstaina'])
  })

  test('someone outside the audience can neither read nor reply by URL', async ({
    client,
    assert,
  }) => {
    const n = await network()
    await send(
      client,
      n.venueA,
      postForm({ audience: 'organisation', organisationId: n.distOrgA.id })
    )
    const post = await Post.firstOrFail()
    for (const outsider of [n.agentA, n.distB, n.coordB]) {
      const page = await client.get(urlFor('posts.show', { id: post.id })).loginAs(outsider)
      page.assertStatus(404)
      const reply = await client
        .post(urlFor('replies.store', { id: post.id }))
        .form({ message: 'Hei', submissionKey: randomUUID() })
        .withCsrfToken()
        .loginAs(outsider)
      reply.assertStatus(404)
    }
    assert.lengthOf(await PostReply.all(), 0)
  })

  test('only the author edits or withdraws; withdrawal hides the post from everyone', async ({
    client,
    assert,
  }) => {
    const n = await network()
    await send(client, n.venueA, postForm({ audience: 'area' }))
    const post = await Post.firstOrFail()

    for (const url of [
      urlFor('posts.edit', { id: post.id }),
      urlFor('post_withdrawals.edit', { id: post.id }),
    ]) {
      const page = await client.get(url).loginAs(n.distA)
      page.assertStatus(404)
    }
    const forged = await client
      .put(urlFor('posts.update', { id: post.id }))
      .form({ heading: 'Kaapattu', message: 'x' })
      .withCsrfToken()
      .loginAs(n.distA)
    forged.assertStatus(404)

    const edited = await client
      .put(urlFor('posts.update', { id: post.id }))
      .form({ heading: 'Korjattu otsikko', message: 'Korjattu viesti.' })
      .withCsrfToken()
      .loginAs(n.venueA)
    edited.assertTextIncludes('Korjattu otsikko')

    const unconfirmed = await client
      .post(urlFor('post_withdrawals.update', { id: post.id }))
      .withCsrfToken()
      .loginAs(n.venueA)
      .header('referer', urlFor('post_withdrawals.edit', { id: post.id }))
    unconfirmed.assertTextIncludes('Vahvista')
    await post.refresh()
    assert.isNull(post.withdrawnAt)

    await client
      .post(urlFor('post_withdrawals.update', { id: post.id }))
      .form({ confirm: 'on' })
      .withCsrfToken()
      .loginAs(n.venueA)
    for (const reader of [n.venueA, n.distA, n.coordA]) {
      const page = await client.get(urlFor('posts.show', { id: post.id })).loginAs(reader)
      page.assertStatus(404)
    }
    const inbox = await client.get(urlFor('posts.index')).loginAs(n.distA)
    assert.notInclude(inbox.text(), 'Korjattu otsikko')
  })

  test('an expired post is no longer shown', async ({ client, assert }) => {
    const n = await network()
    // Finnish calendar days: near midnight UTC is already tomorrow in Helsinki.
    await send(client, n.venueA, postForm({ expiresOn: today().toISODate() }))
    const post = await Post.firstOrFail()
    post.expiresOn = today().minus({ days: 1 })
    await post.save()
    const page = await client.get(urlFor('posts.show', { id: post.id })).loginAs(n.distA)
    page.assertStatus(404)
    assert.equal(await unreadCount(await readerOf(n.distA)), 0)
  })
})

test.group('Bulletin: e-mail', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('at once to those who chose it, with a one-click unsubscribe', async ({
    client,
    assert,
  }) => {
    const n = await network()
    const choose = await client
      .post(urlFor('bulletin_settings.update'))
      .form({ emailMode: 'immediate' })
      .withCsrfToken()
      .loginAs(n.distA)
    choose.assertTextIncludes('Valintasi on tallennettu.')
    fakeSmtp.inbox = []

    await send(
      client,
      n.venueA,
      postForm({ heading: 'Sopii nuorille', audience: 'area_distributors' })
    )
    const mail = fakeSmtp.lastTo(n.distA.email)!
    assert.exists(mail)
    assert.include(mail.text, 'Subject: Ilmoitustaulu: Sopii nuorille')
    assert.include(mail.text, 'List-Unsubscribe-Post: List-Unsubscribe=One-Click')
    const unsubscribe = mail.text.match(/List-Unsubscribe:\s*<([^>]+)>/)![1]
    // The default (daily) and the author get nothing at once.
    assert.isUndefined(fakeSmtp.lastTo(n.distA2.email))
    assert.isUndefined(fakeSmtp.lastTo(n.venueA.email))

    const path = unsubscribe.replace(/^https?:\/\/[^/]+/, '')
    const page = await client.get(path)
    page.assertTextIncludes('Haluatko lopettaa ilmoitustaulun sähköpostit?')
    const tampered = await client.post(path.replace(/signature=[^&]+/, 'signature=forged'))
    tampered.assertStatus(404)
    // The mail program's one-click POST: no sign-in, no CSRF token.
    const oneClick = await client.post(path).form({ 'List-Unsubscribe': 'One-Click' })
    oneClick.assertStatus(200)
    oneClick.assertTextIncludes('Et saa enää ilmoitustaulun sähköposteja.')
    assert.equal((await BulletinSetting.findByOrFail('user_id', n.distA.id)).emailMode, 'off')

    fakeSmtp.inbox = []
    await send(
      client,
      n.venueA,
      postForm({ heading: 'Toinen viesti', audience: 'area_distributors' })
    )
    assert.isUndefined(fakeSmtp.lastTo(n.distA.email))
  })

  test('a reply reaches the author at once, if they chose it', async ({ client, assert }) => {
    const n = await network()
    await BulletinSetting.create({ userId: n.venueA.id, emailMode: 'immediate', locale: 'en' })
    await send(client, n.venueA, postForm({ heading: 'Syyskausi', audience: 'area_distributors' }))
    const post = await Post.firstOrFail()
    fakeSmtp.inbox = []
    await client
      .post(urlFor('replies.store', { id: post.id }))
      .form({ message: 'Hienoa!', submissionKey: randomUUID() })
      .withCsrfToken()
      .loginAs(n.distA)
    const mail = fakeSmtp.lastTo(n.venueA.email)!
    assert.include(mail.text, 'Subject: New reply: Syyskausi')
    assert.include(mail.text, 'Hienoa!')
  })

  test('the daily digest: what is unread since the last one, and a second run sends nothing', async ({
    client,
    assert,
  }) => {
    const n = await network()
    await BulletinSetting.create({ userId: n.distA.id, emailMode: 'off', locale: 'fi' })
    await send(
      client,
      n.venueA,
      postForm({ heading: 'Ensimmäinen', audience: 'area_distributors' })
    )
    await send(client, n.venueA, postForm({ heading: 'Toinen', audience: 'area_distributors' }))
    fakeSmtp.inbox = []

    const mailer = new BulletinMailer()
    await mailer.sendDigests()
    const digest = fakeSmtp.lastTo(n.distA2.email)!
    assert.include(digest.text, 'ilmoitustaululla on 2 viestiä, joita et ole vielä lukenut')
    assert.include(digest.text, 'Ensimmäinen')
    assert.include(digest.text, 'List-Unsubscribe-Post: List-Unsubscribe=One-Click')
    // Chose no e-mail; wrote the posts; not in the audience: nothing.
    for (const person of [n.distA, n.venueA, n.distB]) {
      assert.isUndefined(fakeSmtp.lastTo(person.email))
    }

    const sent = fakeSmtp.inbox.length
    await mailer.sendDigests()
    assert.equal(fakeSmtp.inbox.length, sent)
  })
})

function sendReply(client: ApiClient, user: User, post: Post, form: Record<string, unknown>) {
  return client
    .post(urlFor('replies.store', { id: post.id }))
    .form({ submissionKey: randomUUID(), ...form })
    .withCsrfToken()
    .loginAs(user)
    .header('referer', urlFor('posts.show', { id: post.id }))
}

const immediate = (...users: User[]) =>
  Promise.all(
    users.map((user) =>
      BulletinSetting.create({ userId: user.id, emailMode: 'immediate', locale: 'fi' })
    )
  )

async function popUpVenue() {
  const organisation = await Organisation.create({
    name: 'Pop-up-galleria',
    type: 'venue',
    areaId: null,
    municipalityId: null,
    venueCategory: 'museum',
    active: true,
  })
  return {
    organisation,
    user: await createUser('venue', { organisation }),
    colleague: await createUser('venue', { organisation }),
  }
}

test.group('Bulletin: the channel to Kaikukeskus', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test("a coordinator's message to Kaikukeskus reaches the national centre and no one else", async ({
    client,
    assert,
  }) => {
    const n = await network()
    const admin2 = await createUser('admin')
    await immediate(admin2, n.distA, n.coordB)
    fakeSmtp.inbox = []

    const form = await client.get(urlFor('posts.create')).loginAs(n.coordA)
    form.assertTextIncludes('Kaikukeskukselle')
    const sent = await send(
      client,
      n.coordA,
      postForm({ audience: 'national_centre', heading: 'Kysymys pilotin jatkosta' })
    )
    sent.assertTextIncludes('Viesti on lähetetty.')
    sent.assertTextIncludes('Kaikukeskus')
    const post = await Post.findByOrFail('title', 'Kysymys pilotin jatkosta')
    assert.equal(post.kind, 'message')

    for (const person of PEOPLE) {
      const reads = ['admin', 'coordA'].includes(person)
      const page = await client.get(urlFor('posts.show', { id: post.id })).loginAs(n[person])
      assert.equal(page.status(), reads ? 200 : 404, `${person} opening it`)
      const inbox = await client.get(urlFor('posts.index')).loginAs(n[person])
      assert.equal(inbox.text().includes('Kysymys pilotin jatkosta'), reads, `${person}'s inbox`)
      if (!reads) assert.equal(await unreadCount(await readerOf(n[person])), 0, `${person}'s count`)
    }
    assert.equal(await unreadCount(await readerOf(admin2)), 1)
    const mail = fakeSmtp.lastTo(admin2.email)!
    assert.include(mail.text, 'Subject: Ilmoitustaulu: Kysymys pilotin jatkosta')
    for (const person of [n.distA, n.coordB]) assert.isUndefined(fakeSmtp.lastTo(person.email))

    // The national centre answers; the thread stays between it and the coordinator.
    const answer = await sendReply(client, n.admin, post, {
      message: 'Pilotti jatkuu vuoden loppuun.',
    })
    answer.assertTextIncludes('Pilotti jatkuu vuoden loppuun.')
    assert.equal(await unreadCount(await readerOf(n.coordA)), 1)
    const outsider = await sendReply(client, n.distA, post, { message: 'Saanko minäkin?' })
    outsider.assertStatus(404)
    assert.lengthOf(await PostReply.all(), 1)
  })

  test('a pop-up venue outside every area writes to Kaikukeskus; its own organisation sees it', async ({
    client,
    assert,
  }) => {
    const n = await network()
    const popUp = await popUpVenue()

    const form = await client.get(urlFor('posts.create')).loginAs(popUp.user)
    form.assertTextIncludes('Voit lähettää viestin Kaikukeskukselle.')
    assert.include(form.text(), 'value="national_centre" checked')
    assert.notInclude(form.text(), 'value="area"')

    const sent = await send(
      client,
      popUp.user,
      postForm({ audience: 'national_centre', heading: 'Pop-up-näyttely kesällä' })
    )
    sent.assertTextIncludes('Viesti on lähetetty.')
    const post = await Post.findByOrFail('title', 'Pop-up-näyttely kesällä')
    assert.equal(post.senderType, 'venue')
    assert.equal(await unreadCount(await readerOf(n.admin)), 1)
    assert.equal(await unreadCount(await readerOf(popUp.colleague)), 1)
    for (const reader of [n.admin, popUp.user, popUp.colleague]) {
      const page = await client.get(urlFor('posts.show', { id: post.id })).loginAs(reader)
      page.assertStatus(200)
    }
    for (const person of PEOPLE.filter((p) => p !== 'admin')) {
      const page = await client.get(urlFor('posts.show', { id: post.id })).loginAs(n[person])
      page.assertStatus(404)
      assert.equal(await unreadCount(await readerOf(n[person])), 0)
    }
    // Still nothing to an area.
    const refused = await send(client, popUp.user, postForm({ audience: 'area_venues' }))
    refused.assertTextIncludes('Organisaatiosi ei kuulu millekään alueelle')
    assert.equal(await countPosts(), 1)
  })
})

test.group('Bulletin: private replies', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('a private reply is seen and e-mailed only to the author; a public one reaches everyone', async ({
    client,
    assert,
  }) => {
    const n = await network()
    await immediate(n.venueA, n.distA, n.distA2)
    await send(client, n.venueA, postForm({ heading: 'Syyskausi', audience: 'area_distributors' }))
    const post = await Post.firstOrFail()
    for (const reader of [n.distA, n.distA2, n.coordA]) {
      await client.get(urlFor('posts.show', { id: post.id })).loginAs(reader)
    }
    fakeSmtp.inbox = []

    const page = await client.get(urlFor('posts.show', { id: post.id })).loginAs(n.distA)
    page.assertTextIncludes('Kuka näkee vastauksen')
    const privately = await sendReply(client, n.distA, post, {
      message: 'Meillä on kolme ryhmää, voisiko varata?',
      privateTo: n.venueA.id,
    })
    privately.assertTextIncludes('Yksityinen vastaus on lähetetty.')
    privately.assertTextIncludes('Meillä on kolme ryhmää')

    // The author: sees it, has it unread, gets the e-mail.
    assert.equal(await unreadCount(await readerOf(n.venueA)), 1)
    const mail = fakeSmtp.lastTo(n.venueA.email)!
    assert.include(mail.text, 'Subject: Yksityinen vastaus: Syyskausi')
    assert.include(mail.text, 'Meillä on kolme ryhmää')
    const authorPage = await client.get(urlFor('posts.show', { id: post.id })).loginAs(n.venueA)
    authorPage.assertTextIncludes('Meillä on kolme ryhmää')
    authorPage.assertTextIncludes('Vain sinä ja kirjoittaja näette tämän vastauksen.')
    assert.equal(await unreadCount(await readerOf(n.venueA)), 0)

    // Another reader of the same post: no reply, no count, nothing unread, no e-mail.
    for (const other of [n.distA2, n.coordA]) {
      const otherPage = await client.get(urlFor('posts.show', { id: post.id })).loginAs(other)
      assert.notInclude(otherPage.text(), 'kolme ryhmää')
      assert.notInclude(otherPage.text(), 'Vastaukset (1)')
      const inbox = await client.get(urlFor('posts.index')).loginAs(other)
      inbox.assertTextIncludes('ei vastauksia')
      assert.equal(await unreadCount(await readerOf(other)), 0)
    }
    assert.isUndefined(fakeSmtp.lastTo(n.distA2.email))
    const distInbox = await client.get(urlFor('posts.index')).loginAs(n.distA)
    distInbox.assertTextIncludes('1 vastaus')

    // The author answers the distributor privately, the only one who wrote to them privately.
    const authorForm = await client.get(urlFor('posts.show', { id: post.id })).loginAs(n.venueA)
    assert.include(authorForm.text(), `value="${n.distA.id}"`)
    assert.notInclude(authorForm.text(), `value="${n.distA2.id}"`)
    await sendReply(client, n.venueA, post, {
      message: 'Varataan torstaille.',
      privateTo: n.distA.id,
    })
    assert.equal(await unreadCount(await readerOf(n.distA)), 1)
    const distPage = await client.get(urlFor('posts.show', { id: post.id })).loginAs(n.distA)
    distPage.assertTextIncludes('Varataan torstaille.')
    const otherPage = await client.get(urlFor('posts.show', { id: post.id })).loginAs(n.distA2)
    assert.notInclude(otherPage.text(), 'Varataan torstaille.')
    assert.isUndefined(fakeSmtp.lastTo(n.distA2.email))

    // A public reply still reaches every reader, as before.
    fakeSmtp.inbox = []
    await sendReply(client, n.distA, post, { message: 'Hienoa, kiitos kaikille!' })
    for (const other of [n.distA2, n.coordA]) {
      assert.equal(await unreadCount(await readerOf(other)), 1)
      const seen = await client.get(urlFor('posts.show', { id: post.id })).loginAs(other)
      seen.assertTextIncludes('Hienoa, kiitos kaikille!')
      seen.assertTextIncludes('Vastaukset (1)')
      assert.notInclude(seen.text(), 'Varataan torstaille.')
    }
    assert.exists(fakeSmtp.lastTo(n.venueA.email))
    assert.isUndefined(fakeSmtp.lastTo(n.distA2.email)) // not the author, never replied publicly
  })

  test('a private reply to someone else than the author is refused next to the field', async ({
    client,
    assert,
  }) => {
    const n = await network()
    await send(client, n.venueA, postForm({ audience: 'area_distributors' }))
    const post = await Post.firstOrFail()
    const refused = await sendReply(client, n.distA2, post, {
      message: 'Vain sinulle',
      privateTo: n.distA.id,
    })
    assert.include(refused.text(), 'id="privateTo-error"')
    refused.assertTextIncludes('Voit vastata yksityisesti vain viestin kirjoittajalle')
    refused.assertTextIncludes('Vain sinulle')
    assert.lengthOf(await PostReply.all(), 0)

    // A double submit of a private reply writes one.
    const form = { message: 'Kerran', privateTo: n.venueA.id, submissionKey: randomUUID() }
    await sendReply(client, n.distA2, post, form)
    await sendReply(client, n.distA2, post, form)
    assert.lengthOf(await PostReply.all(), 1)
  })

  test('the daily digest carries a private reply to its addressee only', async ({
    client,
    assert,
  }) => {
    const n = await network()
    await send(client, n.venueA, postForm({ heading: 'Kevätkausi', audience: 'area_distributors' }))
    const post = await Post.firstOrFail()
    // Both had their last digest a minute ago and have read the post since.
    for (const reader of [n.venueA, n.distA2]) {
      await BulletinSetting.create({
        userId: reader.id,
        emailMode: 'daily',
        locale: 'fi',
        lastDigestAt: DateTime.now().minus({ minutes: 1 }),
      })
      await client.get(urlFor('posts.show', { id: post.id })).loginAs(reader)
    }
    const mailer = new BulletinMailer()
    fakeSmtp.inbox = []
    await sendReply(client, n.distA, post, { message: 'Yksityisesti', privateTo: n.venueA.id })
    await mailer.sendDigests(DateTime.now().plus({ seconds: 2 }))
    const digest = fakeSmtp.lastTo(n.venueA.email)!
    assert.include(digest.text, 'Kevätkausi')
    assert.isUndefined(fakeSmtp.lastTo(n.distA2.email))
  })
})
