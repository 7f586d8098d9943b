import type { Instrument } from '#surveys/services/instruments'

/*
| The four instruments' wording, scale and scoring. The wording must not be
| edited: a validated instrument measures what it was validated for only in
| its published form. SWB and the impact statement are worded as in the
| national operating model (Kaikukortti 2025). The Finnish of WHO-5 and of the
| participation indicator is word for word the workshop material's (Kaikukortti
| development workshops 2022), which quotes the versions tested in Finland
| (ArtWell; THL's Osallisuusindikaattori). WHO-5's English is WHO's original and
| its Swedish the Psychiatric Centre North Zealand's; the participation
| indicator's Swedish and English follow the Finnish statement by statement
| (docs/SURVEYS.md says where each text comes from).
*/

export const SWB: Instrument = {
  id: 'swb',
  name: {
    fi: 'Koettu hyvinvointi (SWB)',
    sv: 'Upplevt välbefinnande (SWB)',
    en: 'Subjective wellbeing (SWB)',
  },
  instruction: null,
  items: [
    {
      fi: 'Miten tyytyväinen olet tällä hetkellä elämääsi kaiken kaikkiaan?',
      sv: 'Hur nöjd är du med ditt liv som helhet för närvarande?',
      en: 'Overall, how satisfied are you with your life nowadays?',
    },
  ],
  scale: {
    min: 0,
    max: 10,
    labels: {
      0: { fi: 'Täysin tyytymätön', sv: 'Helt missnöjd', en: 'Not at all satisfied' },
      10: { fi: 'Täysin tyytyväinen', sv: 'Helt nöjd', en: 'Completely satisfied' },
    },
    higherIsBetter: true,
  },
  score: { min: 0, max: 10, unit: { fi: '0–10', sv: '0–10', en: '0–10' }, of: (raw) => raw },
}

export const IMPACT: Instrument = {
  id: 'impact',
  name: {
    fi: 'Kaikukortin vaikutus',
    sv: 'Kaikukortets inverkan',
    en: 'Impact of the Kaikukortti card',
  },
  instruction: null,
  items: [
    {
      fi: 'Kaikukortti on lisännyt hyvinvointiani.',
      sv: 'Kaikukortet har ökat mitt välbefinnande.',
      en: 'The Kaikukortti card has increased my wellbeing.',
    },
  ],
  scale: {
    min: 0,
    max: 10,
    labels: {
      0: {
        fi: 'Olen täysin eri mieltä',
        sv: 'Jag är helt av annan åsikt',
        en: 'I completely disagree',
      },
      10: { fi: 'Täysin samaa mieltä', sv: 'Helt av samma åsikt', en: 'Completely agree' },
    },
    higherIsBetter: true,
  },
  score: { min: 0, max: 10, unit: { fi: '0–10', sv: '0–10', en: '0–10' }, of: (raw) => raw },
}

/*
| WHO-5 Well-Being Index (WHO Regional Office for Europe, 1998). Each item
| 0 (at no time) … 5 (all of the time); the raw score is the sum, 0–25; the
| percentage score is the raw score × 4, 0–100, higher meaning better.
*/
export const WHO5: Instrument = {
  id: 'who5',
  name: {
    fi: 'WHO-5-hyvinvointi-indeksi',
    sv: 'WHO-5 välbefinnandeindex',
    en: 'WHO-5 Well-Being Index',
  },
  instruction: {
    fi: 'Valitse kunkin viiden väittämän kohdalla vaihtoehto, joka kuvaa parhaiten sitä, miltä sinusta on tuntunut kahden viimeisen viikon aikana. Suurempi numero tarkoittaa parempaa hyvinvointia.',
    sv: 'Välj för vart och ett av de fem påståendena det alternativ som bäst beskriver hur du har känt dig under de senaste två veckorna. Ett högre tal betyder bättre välbefinnande.',
    en: 'Please indicate for each of the five statements which is closest to how you have been feeling over the last two weeks. Notice that higher numbers mean better well-being.',
  },
  lead: {
    fi: 'Kahden viimeisen viikon aikana',
    sv: 'Under de senaste två veckorna',
    en: 'Over the last two weeks',
  },
  items: [
    {
      fi: 'Olen ollut iloinen ja hyväntuulinen',
      sv: 'Jag har känt mig glad och på gott humör',
      en: 'I have felt cheerful and in good spirits',
    },
    {
      fi: 'Olen ollut levollinen ja rentoutunut',
      sv: 'Jag har känt mig lugn och avslappnad',
      en: 'I have felt calm and relaxed',
    },
    {
      fi: 'Olen ollut toimelias ja tarmokas',
      sv: 'Jag har känt mig aktiv och energisk',
      en: 'I have felt active and vigorous',
    },
    {
      fi: 'Herätessäni olen tuntenut itseni virkeäksi ja levänneeksi',
      sv: 'Jag har vaknat upp och känt mig frisk och utvilad',
      en: 'I woke up feeling fresh and rested',
    },
    {
      fi: 'Jokapäiväiseen elämääni on kuulunut paljon asioita, jotka kiinnostavat minua',
      sv: 'Min vardag har varit fylld av saker som intresserar mig',
      en: 'My daily life has been filled with things that interest me',
    },
  ],
  scale: {
    min: 0,
    max: 5,
    labels: {
      5: { fi: 'Kaiken aikaa', sv: 'Hela tiden', en: 'All of the time' },
      4: { fi: 'Suurimman osan aikaa', sv: 'Större delen av tiden', en: 'Most of the time' },
      3: {
        fi: 'Yli puolet ajasta',
        sv: 'Mer än hälften av tiden',
        en: 'More than half of the time',
      },
      2: {
        fi: 'Alle puolet ajasta',
        sv: 'Mindre än hälften av tiden',
        en: 'Less than half of the time',
      },
      1: { fi: 'Silloin tällöin', sv: 'En del av tiden', en: 'Some of the time' },
      0: { fi: 'En lainkaan', sv: 'Inte någon gång', en: 'At no time' },
    },
    higherIsBetter: true,
  },
  score: {
    min: 0,
    max: 100,
    unit: { fi: 'prosenttipisteet 0–100', sv: 'procentpoäng 0–100', en: 'percentage score 0–100' },
    of: (raw) => raw * 4,
  },
}

/*
| THL's participation indicator (Osallisuusindikaattori, Isola et al. 2017;
| validated by Leemann et al. 2022). Ten statements, each answered 1 (fully
| agree) … 5 (fully disagree), so a lower answer means more participation.
| THL reports a score 0–100 where 100 is the strongest experience of
| participation: the sum (10–50) turned round and rescaled, (50 − sum) × 2.5.
*/
export const PARTICIPATION: Instrument = {
  id: 'participation',
  name: {
    fi: 'THL:n osallisuusindikaattori',
    sv: 'THL:s delaktighetsindikator',
    en: 'THL participation indicator',
  },
  instruction: {
    fi: 'Kuinka samaa tai eri mieltä olet seuraavista väittämistä?',
    sv: 'Hur väl instämmer du i följande påståenden?',
    en: 'How much do you agree or disagree with the following statements?',
  },
  items: [
    {
      fi: 'Tunnen, että päivittäiset tekemiseni ovat merkityksellisiä.',
      sv: 'Jag känner att det jag gör i vardagen är meningsfullt.',
      en: 'I feel that my daily activities are meaningful.',
    },
    {
      fi: 'Saan myönteistä palautetta tekemisistäni.',
      sv: 'Jag får positiv respons på det jag gör.',
      en: 'I get positive feedback on what I do.',
    },
    {
      fi: 'Kuulun itselleni tärkeään ryhmään tai yhteisöön.',
      sv: 'Jag hör till en grupp eller gemenskap som är viktig för mig.',
      en: 'I belong to a group or community that is important to me.',
    },
    {
      fi: 'Olen tarpeellinen muille ihmisille.',
      sv: 'Jag behövs av andra människor.',
      en: 'I am needed by other people.',
    },
    {
      fi: 'Pystyn vaikuttamaan oman elämäni kulkuun.',
      sv: 'Jag kan påverka hur mitt eget liv går.',
      en: 'I can influence the course of my own life.',
    },
    {
      fi: 'Tunnen, että elämälläni on tarkoitus.',
      sv: 'Jag känner att mitt liv har en mening.',
      en: 'I feel that my life has a purpose.',
    },
    {
      fi: 'Pystyn tavoittelemaan minulle tärkeitä asioita.',
      sv: 'Jag kan sträva efter saker som är viktiga för mig.',
      en: 'I can pursue things that are important to me.',
    },
    {
      fi: 'Saan itse apua silloin, kun sitä todella tarvitsen.',
      sv: 'Jag får själv hjälp när jag verkligen behöver det.',
      en: 'I myself get help when I really need it.',
    },
    {
      fi: 'Koen, että minuun luotetaan.',
      sv: 'Jag upplever att man litar på mig.',
      en: 'I feel that I am trusted.',
    },
    {
      fi: 'Pystyn vaikuttamaan joihinkin elinympäristöni asioihin.',
      sv: 'Jag kan påverka vissa saker i min livsmiljö.',
      en: 'I can influence some matters in my living environment.',
    },
  ],
  scale: {
    min: 1,
    max: 5,
    labels: {
      1: { fi: 'Täysin samaa mieltä', sv: 'Helt av samma åsikt', en: 'Fully agree' },
      2: { fi: 'Jokseenkin samaa mieltä', sv: 'Delvis av samma åsikt', en: 'Somewhat agree' },
      3: {
        fi: 'Ei samaa eikä eri mieltä',
        sv: 'Varken av samma eller annan åsikt',
        en: 'Neither agree nor disagree',
      },
      4: { fi: 'Jokseenkin eri mieltä', sv: 'Delvis av annan åsikt', en: 'Somewhat disagree' },
      5: { fi: 'Täysin eri mieltä', sv: 'Helt av annan åsikt', en: 'Fully disagree' },
    },
    higherIsBetter: false,
  },
  score: {
    min: 0,
    max: 100,
    unit: { fi: 'pisteet 0–100', sv: 'poäng 0–100', en: 'points 0–100' },
    of: (raw) => (50 - raw) * 2.5,
  },
}
