import { test } from '@japa/runner'
import { PARTICIPATION, SWB, WHO5 } from '#surveys/services/instrument_definitions'

/*
| The Finnish statements as the workshop material (Kaikukortti development
| workshops 2022, the list of measures) prints them. A validated instrument
| may not be reworded: a change here is a change to what is measured.
*/
const WORKSHOP_WHO5 = [
  'Olen ollut iloinen ja hyväntuulinen',
  'Olen ollut levollinen ja rentoutunut',
  'Olen ollut toimelias ja tarmokas',
  'Herätessäni olen tuntenut itseni virkeäksi ja levänneeksi',
  'Jokapäiväiseen elämääni on kuulunut paljon asioita, jotka kiinnostavat minua',
]
const WORKSHOP_PARTICIPATION = [
  'Tunnen, että päivittäiset tekemiseni ovat merkityksellisiä.',
  'Saan myönteistä palautetta tekemisistäni.',
  'Kuulun itselleni tärkeään ryhmään tai yhteisöön.',
  'Olen tarpeellinen muille ihmisille.',
  'Pystyn vaikuttamaan oman elämäni kulkuun.',
  'Tunnen, että elämälläni on tarkoitus.',
  'Pystyn tavoittelemaan minulle tärkeitä asioita.',
  'Saan itse apua silloin, kun sitä todella tarvitsen.',
  'Koen, että minuun luotetaan.',
  'Pystyn vaikuttamaan joihinkin elinympäristöni asioihin.',
]

test.group('Validated instruments, worded as the workshop material', () => {
  test('WHO-5: the five statements and the scale ends', ({ assert }) => {
    assert.deepEqual(
      WHO5.items.map((item) => item.fi),
      WORKSHOP_WHO5
    )
    assert.equal(WHO5.scale.labels[0].fi, 'En lainkaan')
    assert.equal(WHO5.scale.labels[5].fi, 'Kaiken aikaa')
  })

  test('the participation indicator: the ten statements and the scale ends', ({ assert }) => {
    assert.deepEqual(
      PARTICIPATION.items.map((item) => item.fi),
      WORKSHOP_PARTICIPATION
    )
    assert.equal(PARTICIPATION.scale.labels[1].fi, 'Täysin samaa mieltä')
    assert.equal(PARTICIPATION.scale.labels[5].fi, 'Täysin eri mieltä')
  })

  test('SWB: the question and the scale ends', ({ assert }) => {
    assert.equal(
      SWB.items[0].fi,
      'Miten tyytyväinen olet tällä hetkellä elämääsi kaiken kaikkiaan?'
    )
    assert.equal(SWB.scale.labels[0].fi, 'Täysin tyytymätön')
    assert.equal(SWB.scale.labels[10].fi, 'Täysin tyytyväinen')
  })

  test('every statement has its Swedish and English', ({ assert }) => {
    for (const instrument of [SWB, WHO5, PARTICIPATION]) {
      for (const item of instrument.items) {
        assert.isAbove(item.sv.length, 0, item.fi)
        assert.isAbove(item.en.length, 0, item.fi)
        assert.notEqual(item.sv, item.fi)
        assert.notEqual(item.en, item.fi)
      }
    }
  })
})
