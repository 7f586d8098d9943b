import PDFDocument from 'pdfkit'
import QRCode from 'qrcode'
import bwipjs from 'bwip-js'
import db from '@adonisjs/lucid/services/db'
import i18nManager from '@adonisjs/i18n/services/main'
import type PrintRun from '#registry/models/print_run'
import { formatCardCode } from '#registry/services/card_code'
import { MINIMUM_AGE } from '#registry/validators/card'

/*
| The print-ready PDF of a run, made from its reserved codes on every
| download (no file on one instance's disk), page by page as the client
| reads it: memory stays bounded for 10,000 cards.
|
| `card`: one card per page, 85.6 × 54 mm (ID-1). `sheet`: A4 with ten
| cards in two columns of five, edge to edge, and crop marks on every cut
| line in the margins. Everything is drawn as vectors: the QR code's
| modules and Code 128's bars, so they stay sharp at any printer.
*/
export type PrintLayout = 'card' | 'sheet'

const MM = 72 / 25.4
const CARD_MM = { width: 85.6, height: 54 }
const CARD = { width: CARD_MM.width * MM, height: CARD_MM.height * MM }
const A4 = { width: 210 * MM, height: 297 * MM }
const SHEET = { columns: 2, rows: 5 }
const SHEET_ORIGIN = {
  x: (A4.width - SHEET.columns * CARD.width) / 2,
  y: (A4.height - SHEET.rows * CARD.height) / 2,
}
const CROP = { gap: 2 * MM, length: 6 * MM }
/** Personal and community cards told apart at a glance by the band's colour. */
const BAND = { personal: '#1d4f91', community: '#c2410c' }
const CODES_PER_QUERY = 500

/** The formats, as the download links name them. */
export const PRINT_FORMAT_PARAMS = {
  cardWidth: CARD_MM.width,
  cardHeight: CARD_MM.height,
  paper: 'A4',
  cardsPerSheet: SHEET.columns * SHEET.rows,
}
/** Cards drawn between two looks at the event loop (a card takes a few milliseconds). */
const CARDS_BETWEEN_PAUSES = 10
/** Wait for the client when this much PDF is waiting to be sent. */
const MAX_BUFFERED = 4 * 1024 * 1024
/** A client that reads nothing for this long is given up. */
const STALLED_CLIENT_MS = 60_000

type CardTexts = {
  title: string
  name: string
  validUntil: string
  terms: string[]
}

/** The card's words in the run's language, or both for a bilingual run. */
function cardTexts(run: PrintRun): CardTexts {
  const locales = run.language === 'fi_sv' ? ['fi', 'sv'] : [run.language]
  const texts = locales.map((locale) => {
    const i18n = i18nManager.locale(locale)
    return {
      title: i18n.t(`print_runs.card.title_${run.cardType}`),
      name: i18n.t('print_runs.card.holder_name'),
      validUntil: i18n.t('print_runs.card.valid_until'),
      terms: i18n.t('print_runs.card.terms', { minimumAge: MINIMUM_AGE }),
    }
  })
  const joined = (key: 'title' | 'name' | 'validUntil') =>
    [...new Set(texts.map((text) => text[key]))].join(' / ')
  return {
    title: joined('title'),
    name: joined('name'),
    validUntil: joined('validUntil'),
    terms: texts.map((text) => text.terms),
  }
}

/**
 * Code 128 as bwip-js encodes it: its widths of bars and spaces, bar first,
 * in modules. The raw encoding, not its SVG: ten times faster per card.
 */
function code128Widths(code: string): number[] {
  const [symbol] = bwipjs.raw('code128', code, {}) as { sbs: number[] }[]
  return symbol.sbs
}

function drawQr(doc: PDFKit.PDFDocument, code: string, x: number, y: number, size: number) {
  // A card code is upper-case letters and digits: QR's alphanumeric mode, stated rather than
  // searched for; a fixed mask pattern instead of trying all eight (any mask reads).
  const { modules } = QRCode.create([{ data: code, mode: 'alphanumeric' }], {
    errorCorrectionLevel: 'M',
    maskPattern: 0,
  })
  const quiet = 2
  const module = size / (modules.size + 2 * quiet)
  for (let row = 0; row < modules.size; row++) {
    let start = -1
    for (let column = 0; column <= modules.size; column++) {
      const dark = column < modules.size && modules.get(row, column)
      if (dark && start < 0) start = column
      if (!dark && start >= 0) {
        doc.rect(
          x + (quiet + start) * module,
          y + (quiet + row) * module,
          (column - start) * module,
          module
        )
        start = -1
      }
    }
  }
  doc.fill('#000000')
}

function drawBarcode(
  doc: PDFKit.PDFDocument,
  code: string,
  x: number,
  y: number,
  width: number,
  height: number
) {
  const widths = code128Widths(code)
  const module = width / widths.reduce((sum, each) => sum + each, 0)
  let left = x
  widths.forEach((each, index) => {
    if (index % 2 === 0) doc.rect(left, y, each * module, height)
    left += each * module
  })
  doc.fill('#000000')
}

function drawCard(doc: PDFKit.PDFDocument, run: PrintRun, texts: CardTexts, code: string) {
  const at = (mm: number) => mm * MM
  doc.save()
  doc.rect(0, 0, CARD.width, at(11)).fill(BAND[run.cardType])
  doc
    .fillColor('#ffffff')
    .font('Helvetica-Bold')
    .fontSize(11)
    .text(texts.title, at(5), at(3.6), { lineBreak: false })

  doc
    .fillColor('#000000')
    .font('Courier-Bold')
    .fontSize(13)
    .text(formatCardCode(code), at(5), at(14), { lineBreak: false })
  drawBarcode(doc, code, at(5), at(20), at(48), at(8))
  drawQr(doc, code, at(59.6), at(13.5), at(22))

  doc.font('Helvetica').fontSize(6).fillColor('#333333')
  const lines = run.cardType === 'personal' ? [texts.name, texts.validUntil] : [texts.validUntil]
  lines.forEach((label, index) => {
    const top = at(31 + index * 7)
    doc.text(label, at(5), top, { lineBreak: false })
    doc
      .moveTo(at(5), top + at(5))
      .lineTo(at(55), top + at(5))
      .lineWidth(0.5)
      .stroke('#000000')
  })

  doc.fontSize(texts.terms.length > 1 ? 5 : 5.5).fillColor('#000000')
  texts.terms.forEach((line, index) => {
    doc.text(line, at(5), at(texts.terms.length > 1 ? 46 : 48) + index * at(2.6), {
      lineBreak: false,
    })
  })
  doc.restore()
}

/** Short lines on every cut line, in the margins around the block of cards. */
function drawCropMarks(doc: PDFKit.PDFDocument) {
  const { x, y } = SHEET_ORIGIN
  const right = x + SHEET.columns * CARD.width
  const bottom = y + SHEET.rows * CARD.height
  for (let column = 0; column <= SHEET.columns; column++) {
    const cutX = x + column * CARD.width
    doc.moveTo(cutX, y - CROP.gap).lineTo(cutX, y - CROP.gap - CROP.length)
    doc.moveTo(cutX, bottom + CROP.gap).lineTo(cutX, bottom + CROP.gap + CROP.length)
  }
  for (let row = 0; row <= SHEET.rows; row++) {
    const cutY = y + row * CARD.height
    doc.moveTo(x - CROP.gap, cutY).lineTo(x - CROP.gap - CROP.length, cutY)
    doc.moveTo(right + CROP.gap, cutY).lineTo(right + CROP.gap + CROP.length, cutY)
  }
  doc.lineWidth(0.25).stroke('#000000')
}

/** The run's codes in the order they were reserved, a query at a time. */
async function* codesOf(runId: number) {
  let after = 0
  for (;;) {
    const rows = await db
      .connection('registry')
      .from('printed_codes')
      .where('print_run_id', runId)
      .where('id', '>', after)
      .orderBy('id')
      .limit(CODES_PER_QUERY)
      .select('id', 'code')
    if (rows.length === 0) return
    after = rows[rows.length - 1].id
    yield rows.map((row) => row.code as string)
  }
}

/**
 * Lets the event loop serve other requests and the client read what is
 * drawn; waits while the client is slower than the drawing, and gives up
 * on a client that has read nothing for a while (gone without closing).
 */
async function pause(doc: PDFKit.PDFDocument) {
  await new Promise((resolve) => setImmediate(resolve))
  const since = Date.now()
  while (doc.readableLength > MAX_BUFFERED && !doc.destroyed) {
    if (Date.now() - since > STALLED_CLIENT_MS) {
      doc.destroy(new Error('The client stopped reading the PDF'))
      return
    }
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

async function writePages(doc: PDFKit.PDFDocument, run: PrintRun, layout: PrintLayout) {
  const texts = cardTexts(run)
  const perPage = layout === 'sheet' ? SHEET.columns * SHEET.rows : 1
  let onPage = perPage
  let drawn = 0
  for await (const codes of codesOf(run.id)) {
    for (const code of codes) {
      if (doc.destroyed) return
      if (onPage === perPage) {
        doc.addPage(
          layout === 'sheet'
            ? { size: 'A4', margin: 0 }
            : { size: [CARD.width, CARD.height], margin: 0 }
        )
        if (layout === 'sheet') drawCropMarks(doc)
        onPage = 0
      }
      if (layout === 'sheet') {
        doc.save()
        doc.translate(
          SHEET_ORIGIN.x + (onPage % SHEET.columns) * CARD.width,
          SHEET_ORIGIN.y + Math.floor(onPage / SHEET.columns) * CARD.height
        )
        drawCard(doc, run, texts, code)
        doc.restore()
      } else {
        drawCard(doc, run, texts, code)
      }
      onPage++
      if (++drawn % CARDS_BETWEEN_PAUSES === 0) await pause(doc)
    }
  }
  doc.end()
}

/** The PDF as a stream; its pages are drawn while it is read. */
export function printRunPdf(run: PrintRun, layout: PrintLayout): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    autoFirstPage: false,
    margin: 0,
    info: { Title: `Kaikukortti ${run.id}`, Creator: 'Kaikukanta' },
  })
  writePages(doc, run, layout).catch((error) => doc.destroy(error))
  return doc
}
