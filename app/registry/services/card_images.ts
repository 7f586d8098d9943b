import QRCode from 'qrcode'
import bwipjs from 'bwip-js'

/**
 * The card code as a QR code and as a Code 128 barcode, both as inline SVG
 * drawn on the server: sharp when printed, nothing for a phone to download.
 */
export async function cardCodeImages(code: string) {
  const qr = await QRCode.toString(code, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
  const barcode = bwipjs.toSVG({ bcid: 'code128', text: code, height: 12, scale: 2 })
  return { qr, barcode }
}
