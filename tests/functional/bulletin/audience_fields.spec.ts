import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import type { ApiClient } from '@japa/api-client'
import { urlFor } from '@adonisjs/core/services/url_builder'
import Post from '#bulletin/models/post'
import type User from '#registry/models/user'
import { createArea, createOrganisation, createUser } from '#tests/helpers/fixtures'

/*
| The post form shows the fields the chosen audience needs: on the page those
| of the audience chosen now, the others inside <noscript> for a browser
| without JavaScript; htmx asks for the needed ones as the audience changes.
| A field the audience does not need is ignored, never refused.
*/

async function people() {
  const { area } = await createArea()
  const venueOrg = await createOrganisation('venue', area)
  const distributorOrg = await createOrganisation('distributor', area)
  return {
    area,
    distributorOrg,
    admin: await createUser('admin'),
    venue: await createUser('venue', { organisation: venueOrg }),
    distributor: await createUser('distributor', { organisation: distributorOrg }),
  }
}

function postForm(overrides: Record<string, unknown> = {}) {
  return {
    audience: 'area',
    heading: 'Teatterin syyskausi',
    message: 'Uusi ohjelmisto on julkaistu.',
    submissionKey: randomUUID(),
    ...overrides,
  }
}

function send(client: ApiClient, user: User, form: Record<string, unknown>) {
  return client
    .post(urlFor('posts.store'))
    .form(form)
    .withCsrfToken()
    .loginAs(user)
    .header('referer', urlFor('posts.create'))
}

/** The part of a page before and inside its <noscript> elements. */
function split(html: string) {
  const hidden = [...html.matchAll(/<noscript>([\s\S]*?)<\/noscript>/g)].map((m) => m[1]).join('')
  return { shown: html.replace(/<noscript>[\s\S]*?<\/noscript>/g, ''), hidden }
}

const fieldsOf = (client: ApiClient, user: User, qs: Record<string, unknown>) =>
  client
    .get(urlFor('posts.audience_fields', {}, { qs }))
    .header('HX-Request', 'true')
    .loginAs(user)

test.group('Bulletin: the post form shows what the audience needs', (group) => {
  group.each.setup(() => testUtils.db('registry').withGlobalTransaction())

  test('the page shows the chosen audience’s fields; the rest wait in noscript, saying when they are needed', async ({
    client,
    assert,
  }) => {
    const p = await people()
    const venuePage = await client.get(urlFor('posts.create')).loginAs(p.venue)
    venuePage.assertStatus(200)
    const venue = split(venuePage.text())
    // The default audience, the whole area, needs nothing more from a venue.
    assert.notInclude(venue.shown, 'name="organisationId"')
    assert.notInclude(venue.shown, 'name="userId"')
    assert.include(venue.hidden, 'name="organisationId"')
    assert.include(venue.hidden, 'name="userId"')
    assert.include(
      venue.hidden,
      'Tarvitaan vain, kun kohdassa ”Kenelle” on valittu ”Yhdelle organisaatiolle”.'
    )
    assert.notInclude(venuePage.text(), 'name="areaId"', 'a venue writes to its own area only')

    const admin = split((await client.get(urlFor('posts.create')).loginAs(p.admin)).text())
    // The national centre's default audience, an area, needs the area.
    assert.include(admin.shown, 'name="areaId"')
    assert.include(
      admin.shown,
      'Tarvitaan vain, kun kohdassa ”Kenelle” on valittu ”Koko alueelle”, ”Alueen jakaville organisaatioille” tai ”Alueen kulttuurikohteille”.'
    )
    for (const field of ['areaStatus', 'organisationId', 'userId']) {
      assert.notInclude(admin.shown, `name="${field}"`)
      assert.include(admin.hidden, `name="${field}"`)
    }
  })

  test('htmx gets only the fields the audience needs, with what was chosen kept, and an announcement', async ({
    client,
    assert,
  }) => {
    const p = await people()
    const one = await fieldsOf(client, p.venue, {
      audience: 'organisation',
      organisationId: p.distributorOrg.id,
      userId: '',
    })
    one.assertStatus(200)
    assert.include(one.text(), 'name="organisationId"')
    assert.match(one.text(), new RegExp(`<option value="${p.distributorOrg.id}"\\s+selected`))
    assert.notInclude(one.text(), 'name="userId"')
    assert.notInclude(one.text(), '<noscript>')
    assert.notInclude(one.text(), '<html')
    assert.include(one.text(), 'data-announce="Valintasi mukaan lomakkeessa on nyt: Organisaatio."')

    const none = await fieldsOf(client, p.venue, { audience: 'national_centre' })
    assert.notInclude(none.text(), '<select')
    assert.include(none.text(), 'Valintasi ei tarvitse lisätietoja.')

    const statuses = await fieldsOf(client, p.admin, { audience: 'national_status' })
    assert.include(statuses.text(), 'name="areaStatus"')
    assert.notInclude(statuses.text(), 'name="areaId"')

    // Signed-in staff only.
    const anonymous = await client.get(
      urlFor('posts.audience_fields', {}, { qs: { audience: 'area' } })
    )
    assert.notInclude(anonymous.text(), 'name="areaId"')
  })

  test('a field the audience does not need is ignored, even with a value that would be refused', async ({
    client,
    assert,
  }) => {
    const p = await people()
    await send(
      client,
      p.venue,
      postForm({ audience: 'area', organisationId: 'ei numero', userId: 'x', areaStatus: 'bogus' })
    )
    const post = await Post.query().where('author_user_id', p.venue.id).firstOrFail()
    assert.equal(post.audience, 'area')
    assert.equal(post.audienceAreaId, p.area.id)
    assert.isNull(post.audienceOrganisationId)
    assert.isNull(post.audienceUserId)

    await send(
      client,
      p.admin,
      postForm({ audience: 'national', areaId: 'kaikki', areaStatus: 'bogus', organisationId: '0' })
    )
    const national = await Post.query().where('author_user_id', p.admin.id).firstOrFail()
    assert.equal(national.audience, 'national')
    assert.isNull(national.audienceAreaId)
    assert.isNull(national.audienceAreaStatus)
  })

  test('a field the audience needs is still checked, next to the field, with the rest kept', async ({
    client,
    assert,
  }) => {
    const p = await people()
    const badOrganisation = await send(
      client,
      p.venue,
      postForm({ audience: 'organisation', organisationId: 'ei numero' })
    )
    assert.include(badOrganisation.text(), 'id="organisationId-error"')
    assert.include(badOrganisation.text(), 'Teatterin syyskausi')
    // The field with the message is on the page as it comes back, not in noscript.
    assert.include(split(badOrganisation.text()).shown, 'id="organisationId-error"')

    const noOrganisation = await send(client, p.venue, postForm({ audience: 'organisation' }))
    assert.include(noOrganisation.text(), 'id="organisationId-error"')

    const badStatus = await send(
      client,
      p.admin,
      postForm({ audience: 'national_status', areaStatus: 'bogus' })
    )
    assert.include(split(badStatus.text()).shown, 'id="areaStatus-error"')
    assert.lengthOf(await Post.all(), 0)
  })
})
