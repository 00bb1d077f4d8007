/**
 * The pay slip drawn on a plain 2D canvas (no library): a phone-sized PNG the worker can keep or send on.
 * Shared through the system share sheet where the browser can share files, otherwise downloaded.
 */
export interface SlipImageRow {
  label: string
  value: string
  strong?: boolean
}

const WIDTH = 360
const SCALE = 2 // sharp on phone screens
const PAD = 20

/** Wraps text to the width by characters (Chinese has no spaces to break at). */
function wrap(ctx: CanvasRenderingContext2D, text: string, max: number): string[] {
  const out: string[] = []
  let cur = ''
  for (const ch of text) {
    if (ctx.measureText(cur + ch).width > max && cur) {
      out.push(cur)
      cur = ch
    } else cur += ch
  }
  if (cur) out.push(cur)
  return out
}

export async function drawSlip(input: { title: string; subtitle: string; rows: SlipImageRow[]; netLabel: string; net: string; footer: string[] }): Promise<Blob> {
  const canvas = document.createElement('canvas')
  const measure = canvas.getContext('2d')!
  const font = (px: number, bold = false) => `${bold ? '700 ' : ''}${px}px "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif`
  measure.font = font(17)
  const labelMax = WIDTH - 2 * PAD - 110
  const rows = input.rows.map((r) => ({ ...r, lines: wrap(measure, r.label, labelMax) }))
  const footer = input.footer.flatMap((f) => wrap(measure, f, WIDTH - 2 * PAD))
  const height = PAD + 36 + 28 + 12 + rows.reduce((a, r) => a + r.lines.length * 24 + 10, 0) + 16 + 56 + footer.length * 24 + PAD
  canvas.width = WIDTH * SCALE
  canvas.height = height * SCALE
  const ctx = canvas.getContext('2d')!
  ctx.scale(SCALE, SCALE)
  ctx.fillStyle = '#fff'
  ctx.fillRect(0, 0, WIDTH, height)
  ctx.textBaseline = 'top'
  let y = PAD
  ctx.fillStyle = '#222'
  ctx.font = font(22, true)
  ctx.fillText(input.title, PAD, y)
  y += 36
  ctx.font = font(17)
  ctx.fillStyle = '#555'
  ctx.fillText(input.subtitle, PAD, y)
  y += 28
  ctx.strokeStyle = '#ddd'
  ctx.beginPath()
  ctx.moveTo(PAD, y)
  ctx.lineTo(WIDTH - PAD, y)
  ctx.stroke()
  y += 12
  for (const r of rows) {
    ctx.font = font(17, r.strong)
    ctx.fillStyle = '#222'
    r.lines.forEach((l, i) => ctx.fillText(l, PAD, y + i * 24))
    ctx.textAlign = 'right'
    ctx.fillText(r.value, WIDTH - PAD, y)
    ctx.textAlign = 'left'
    y += r.lines.length * 24 + 10
  }
  ctx.beginPath()
  ctx.moveTo(PAD, y)
  ctx.lineTo(WIDTH - PAD, y)
  ctx.stroke()
  y += 16
  ctx.font = font(20)
  ctx.fillText(input.netLabel, PAD, y + 10)
  ctx.font = font(30, true)
  ctx.fillStyle = '#b7312c'
  ctx.textAlign = 'right'
  ctx.fillText(input.net, WIDTH - PAD, y)
  ctx.textAlign = 'left'
  y += 56
  ctx.font = font(16)
  ctx.fillStyle = '#555'
  for (const f of footer) {
    ctx.fillText(f, PAD, y)
    y += 24
  }
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('canvas.toBlob gave nothing'))), 'image/png'))
}

/** The system share sheet when it takes files (phones), else a download of the PNG. */
export async function shareOrDownload(blob: Blob, filename: string, title: string): Promise<'shared' | 'downloaded'> {
  const file = new File([blob], filename, { type: 'image/png' })
  const nav = navigator as Navigator & { canShare?: (d: ShareData) => boolean }
  if (nav.share && nav.canShare?.({ files: [file] })) {
    try {
      await nav.share({ files: [file], title })
      return 'shared'
    } catch (e) {
      // The worker closed the share sheet: nothing more to do.
      if ((e as Error).name === 'AbortError') return 'shared'
    }
  }
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  return 'downloaded'
}
