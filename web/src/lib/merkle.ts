// Checks audit-log proofs in the browser with Web Crypto (docs/audit.md):
//   leaf hash  = SHA-256(0x00 ‖ leaf bytes)
//   node hash  = SHA-256(0x01 ‖ left ‖ right)
// Inclusion proofs are verified as RFC 9162 §2.1.3.2 says; checkpoints are C2SP signed notes
// (`<origin>\n<size>\n<base64 root>\n`, a blank line, then `— <key name> base64(key id ‖ signature)`).

export function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64.trim())
  const out = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}

export function bytesToBase64(bytes: Uint8Array): string {
  let bin = ''
  for (const b of bytes) bin += String.fromCharCode(b)
  return btoa(bin)
}

export function hexToBytes(hex: string): Uint8Array {
  const clean = hex.trim()
  if (clean.length % 2 !== 0 || /[^0-9a-fA-F]/.test(clean)) throw new Error(`not hex: ${hex}`)
  const out = new Uint8Array(clean.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(2 * i, 2 * i + 2), 16)
  return out
}

export function bytesToHex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!
  return diff === 0
}

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle
  if (!s)
    throw new Error('Web Crypto is not available (the page must be served over HTTPS or localhost)')
  return s
}

async function sha256(...parts: Uint8Array[]): Promise<Uint8Array> {
  const total = parts.reduce((n, p) => n + p.length, 0)
  const buf = new Uint8Array(total)
  let at = 0
  for (const p of parts) {
    buf.set(p, at)
    at += p.length
  }
  return new Uint8Array(await subtle().digest('SHA-256', buf))
}

const LEAF_PREFIX = new Uint8Array([0])
const NODE_PREFIX = new Uint8Array([1])

export function leafHash(leaf: Uint8Array): Promise<Uint8Array> {
  return sha256(LEAF_PREFIX, leaf)
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Promise<Uint8Array> {
  return sha256(NODE_PREFIX, left, right)
}

/** Why a proof cannot be folded: codes the UI translates. */
export type ProofProblem = 'index_out_of_range' | 'proof_too_long' | 'proof_too_short'

export class ProofError extends Error {
  readonly code: ProofProblem
  constructor(code: ProofProblem, message: string) {
    super(message)
    this.name = 'ProofError'
    this.code = code
  }
}

/**
 * The root an inclusion proof implies for the leaf hash at `index` in a tree of `size` leaves,
 * or an error when the proof has the wrong length for (index, size). RFC 9162 §2.1.3.2; indexes
 * are BigInts so that sizes beyond 2^32 work.
 */
export async function rootFromInclusionProof(
  index: number | bigint,
  size: number | bigint,
  leaf: Uint8Array,
  proof: Uint8Array[],
): Promise<Uint8Array> {
  let fn = BigInt(index)
  let sn = BigInt(size) - 1n
  if (fn < 0n || fn > sn) {
    throw new ProofError('index_out_of_range', `index ${index} is not below size ${size}`)
  }
  let r = leaf
  for (const p of proof) {
    if (sn === 0n)
      throw new ProofError('proof_too_long', 'the proof is longer than the tree is deep')
    if (fn % 2n === 1n || fn === sn) {
      r = await nodeHash(p, r)
      if (fn % 2n === 0n) {
        while (fn % 2n === 0n && fn !== 0n) {
          fn >>= 1n
          sn >>= 1n
        }
      }
    } else {
      r = await nodeHash(r, p)
    }
    fn >>= 1n
    sn >>= 1n
  }
  if (sn !== 0n)
    throw new ProofError('proof_too_short', 'the proof is shorter than the tree is deep')
  return r
}

/**
 * `detail`: for 'proof' a ProofProblem code; for 'root' and 'leaf_hash' the hash computed here
 * (base64); for 'hash_algorithm' the algorithm's name.
 */
export type InclusionResult =
  | { ok: true; leafHash: string; root: string }
  | { ok: false; reason: 'leaf_hash' | 'root' | 'proof' | 'hash_algorithm'; detail: string }

/**
 * Verifies that `leafBytes` is entry `index` of the tree of `size` entries whose root is
 * `expectedRoot`. `serverLeafHash` (optional) is compared too, so that a server that hashes
 * differently from what it serves is caught. Hashes are base64.
 */
export async function verifyInclusion(args: {
  index: number
  size: number
  leafBytes: Uint8Array
  proof: string[]
  expectedRoot: string
  serverLeafHash?: string
  hashAlgorithm?: string
}): Promise<InclusionResult> {
  const alg = (args.hashAlgorithm ?? 'sha256').toLowerCase()
  if (alg !== 'sha256' && alg !== 'sha-256') {
    return { ok: false, reason: 'hash_algorithm', detail: alg }
  }
  const leaf = await leafHash(args.leafBytes)
  if (args.serverLeafHash && !equalBytes(leaf, base64ToBytes(args.serverLeafHash))) {
    return { ok: false, reason: 'leaf_hash', detail: bytesToBase64(leaf) }
  }
  let root: Uint8Array
  try {
    root = await rootFromInclusionProof(
      args.index,
      args.size,
      leaf,
      args.proof.map((h) => base64ToBytes(h)),
    )
  } catch (err) {
    if (err instanceof ProofError) return { ok: false, reason: 'proof', detail: err.code }
    throw err
  }
  if (!equalBytes(root, base64ToBytes(args.expectedRoot))) {
    return { ok: false, reason: 'root', detail: bytesToBase64(root) }
  }
  return { ok: true, leafHash: bytesToBase64(leaf), root: bytesToBase64(root) }
}

// ---- signed checkpoints -----------------------------------------------------------------------

export interface ParsedCheckpoint {
  /** The signed text: origin, size and root lines, each ending in a newline. */
  text: string
  origin: string
  size: number
  root: string
  signatures: { name: string; signature: Uint8Array }[]
}

export function parseCheckpointNote(note: string): ParsedCheckpoint {
  const split = note.indexOf('\n\n')
  if (split < 0) throw new Error('the note has no signature block')
  const text = note.slice(0, split + 1)
  const lines = text.split('\n')
  if (lines.length < 4) throw new Error('the checkpoint needs origin, size and root')
  const [origin, sizeText, root] = lines as [string, string, string]
  if (!/^\d+$/.test(sizeText)) throw new Error(`bad tree size: ${sizeText}`)
  const signatures = note
    .slice(split + 2)
    .split('\n')
    .filter((l) => l.startsWith('— '))
    .map((l) => {
      const rest = l.slice(2)
      const sp = rest.lastIndexOf(' ')
      return { name: rest.slice(0, sp), signature: base64ToBytes(rest.slice(sp + 1)) }
    })
  return { text, origin, size: Number(sizeText), root, signatures }
}

/**
 * Checks the log's Ed25519 signature on a checkpoint note with the verifier key
 * `<name>+<key id hex>+<base64(0x01 ‖ public key)>`. Resolves to 'valid', 'invalid', or
 * 'unsupported' (another key type, or a browser without Ed25519 in Web Crypto).
 */
export async function verifyCheckpointSignature(
  note: string,
  vkey: string,
): Promise<'valid' | 'invalid' | 'unsupported'> {
  // The base64 key may itself contain '+': split at the first two only.
  const m = /^([^+\s]+)\+([0-9a-fA-F]{8})\+(\S+)$/.exec(vkey.trim())
  if (!m) return 'invalid'
  const [, name, idHex, keyB64] = m as unknown as [string, string, string, string]
  const key = base64ToBytes(keyB64)
  if (key.length !== 33 || key[0] !== 0x01) return 'unsupported'
  const cp = parseCheckpointNote(note)
  // Key id = SHA-256(name ‖ "\n" ‖ type ‖ key)[:4], as the Go sumdb/note package computes it.
  const id = (await sha256(new TextEncoder().encode(`${name}\n`), key)).slice(0, 4)
  if (bytesToHex(id) !== idHex.toLowerCase()) return 'invalid'
  const sig = cp.signatures.find((s) => s.name === name && equalBytes(s.signature.slice(0, 4), id))
  if (!sig || sig.signature.length !== 68) return 'invalid'
  let publicKey: CryptoKey
  try {
    publicKey = await subtle().importKey('raw', key.slice(1), { name: 'Ed25519' }, false, [
      'verify',
    ])
  } catch {
    return 'unsupported'
  }
  const ok = await subtle().verify(
    { name: 'Ed25519' },
    publicKey,
    sig.signature.slice(4),
    new TextEncoder().encode(cp.text),
  )
  return ok ? 'valid' : 'invalid'
}
