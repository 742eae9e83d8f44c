// Streams an export with progress (bytes received; percent when the length is known), then hands
// the file to the browser as a download.
import { errorFromResponse, networkError } from '@/api/client'

export interface DownloadProgress {
  received: number
  total: number | null
}

export interface DownloadResult {
  filename: string
  bytes: number
  blob: Blob
}

/** The filename of a Content-Disposition header (RFC 6266: filename* preferred). */
export function filenameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback
  const star = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header)
  if (star?.[2]) {
    try {
      return decodeURIComponent(star[2].trim().replace(/^"|"$/g, ''))
    } catch {
      /* fall through to the plain form */
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header)
  const name = plain ? (plain[2] ?? plain[1] ?? '').trim() : ''
  return name || fallback
}

export async function fetchWithProgress(
  url: string,
  fallbackName: string,
  onProgress: (p: DownloadProgress) => void,
  signal?: AbortSignal,
): Promise<DownloadResult> {
  let res: Response
  try {
    res = await fetch(url, { signal })
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err
    throw networkError(err)
  }
  if (!res.ok) throw await errorFromResponse(res)
  const lengthHeader = res.headers.get('content-length')
  const total = lengthHeader ? Number.parseInt(lengthHeader, 10) : null
  const filename = filenameFromDisposition(res.headers.get('content-disposition'), fallbackName)
  const type = res.headers.get('content-type') ?? 'application/octet-stream'
  const chunks: Uint8Array[] = []
  let received = 0
  onProgress({ received, total })
  if (res.body) {
    const reader = res.body.getReader()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      chunks.push(value)
      received += value.byteLength
      onProgress({ received, total })
    }
  } else {
    const buf = new Uint8Array(await res.arrayBuffer())
    chunks.push(buf)
    received = buf.byteLength
    onProgress({ received, total })
  }
  return { filename, bytes: received, blob: new Blob(chunks as BlobPart[], { type }) }
}

/** Saves a blob through a temporary object URL and an <a download>. */
export function saveBlob(blob: Blob, filename: string): void {
  const href = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = href
  a.download = filename
  a.rel = 'noopener'
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(href), 10_000)
}
