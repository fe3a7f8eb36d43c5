import qrcode from 'qrcode-generator'
import { useMemo } from 'react'

/**
 * A QR code of text drawn as a GIF data URL (the page's policy allows data: images), large
 * enough to scan from a phone held at the screen. data-qr keeps the content for the browser
 * tests, which "scan" it by reading it.
 */
export function QRCode({ text, size }: { text: string; size: number }) {
  const src = useMemo(() => {
    const qr = qrcode(0, 'M')
    qr.addData(text)
    qr.make()
    return qr.createDataURL(8, 4)
  }, [text])
  return <img className="kiosk-qr" src={src} width={size} height={size} alt="QR" data-qr={text} />
}
