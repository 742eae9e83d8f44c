// @vitest-environment node
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  base64ToBytes,
  bytesToBase64,
  bytesToHex,
  hexToBytes,
  leafHash,
  nodeHash,
  parseCheckpointNote,
  rootFromInclusionProof,
  verifyCheckpointSignature,
  verifyInclusion,
} from './merkle'

// RFC 6962 §2.1 vectors shared with the C++ tests (tests/data/rfc6962.json).
const vectors = JSON.parse(
  readFileSync(new URL('../../../tests/data/rfc6962.json', import.meta.url), 'utf8'),
) as {
  leaves_hex: string[]
  leaf_hashes: string[]
  roots: Record<string, string>
  inclusion: { index: number; size: number; proof: string[] }[]
}

describe('RFC 6962 hashing', () => {
  it('computes every leaf hash of the vectors', async () => {
    for (const [i, hex] of vectors.leaves_hex.entries()) {
      expect(bytesToHex(await leafHash(hexToBytes(hex)))).toBe(vectors.leaf_hashes[i])
    }
  })

  it('node hash of the first two leaves is the root of size 2', async () => {
    const [a, b] = vectors.leaf_hashes.map(hexToBytes) as [Uint8Array, Uint8Array]
    expect(bytesToHex(await nodeHash(a, b))).toBe(vectors.roots['2'])
  })
})

describe('inclusion proofs', () => {
  it('every vector proof leads to the root of its size', async () => {
    expect(vectors.inclusion.length).toBeGreaterThanOrEqual(36)
    for (const v of vectors.inclusion) {
      const root = await rootFromInclusionProof(
        v.index,
        v.size,
        hexToBytes(vectors.leaf_hashes[v.index]!),
        v.proof.map(hexToBytes),
      )
      expect(bytesToHex(root), `index ${v.index} size ${v.size}`).toBe(
        vectors.roots[String(v.size)],
      )
    }
  })

  const b64 = (hex: string) => bytesToBase64(hexToBytes(hex))
  const v = vectors.inclusion.find((x) => x.index === 5 && x.size === 8)!

  it('verifies a leaf from its bytes against the root', async () => {
    const r = await verifyInclusion({
      index: 5,
      size: 8,
      leafBytes: hexToBytes(vectors.leaves_hex[5]!),
      proof: v.proof.map(b64),
      expectedRoot: b64(vectors.roots['8']!),
      serverLeafHash: b64(vectors.leaf_hashes[5]!),
    })
    expect(r).toEqual({
      ok: true,
      leafHash: b64(vectors.leaf_hashes[5]!),
      root: b64(vectors.roots['8']!),
    })
  })

  it('fails a tampered leaf, a tampered proof, a wrong root and a wrong length', async () => {
    const base = {
      index: 5,
      size: 8,
      leafBytes: hexToBytes(vectors.leaves_hex[5]!),
      proof: v.proof.map(b64),
      expectedRoot: b64(vectors.roots['8']!),
    }
    const tamperedLeaf = await verifyInclusion({
      ...base,
      leafBytes: hexToBytes('5051525354555658'),
    })
    expect(tamperedLeaf).toMatchObject({ ok: false, reason: 'root' })

    const flipped = hexToBytes(v.proof[1]!)
    flipped[0] = flipped[0]! ^ 1
    const tamperedProof = await verifyInclusion({
      ...base,
      proof: [b64(v.proof[0]!), bytesToBase64(flipped), b64(v.proof[2]!)],
    })
    expect(tamperedProof).toMatchObject({ ok: false, reason: 'root' })

    const wrongRoot = await verifyInclusion({ ...base, expectedRoot: b64(vectors.roots['7']!) })
    expect(wrongRoot).toMatchObject({ ok: false, reason: 'root' })

    const short = await verifyInclusion({ ...base, proof: base.proof.slice(0, 2) })
    expect(short).toEqual({ ok: false, reason: 'proof', detail: 'proof_too_short' })
    const long = await verifyInclusion({ ...base, proof: [...base.proof, base.proof[0]!] })
    expect(long).toEqual({ ok: false, reason: 'proof', detail: 'proof_too_long' })

    const otherIndex = await verifyInclusion({ ...base, index: 4 })
    expect(otherIndex.ok).toBe(false)

    const badServerHash = await verifyInclusion({
      ...base,
      serverLeafHash: b64(vectors.leaf_hashes[4]!),
    })
    expect(badServerHash).toMatchObject({ ok: false, reason: 'leaf_hash' })

    expect(await verifyInclusion({ ...base, index: 8 })).toEqual({
      detail: 'index_out_of_range',
      ok: false,
      reason: 'proof',
    })
  })

  it('refuses hash algorithms it cannot compute', async () => {
    const r = await verifyInclusion({
      index: 0,
      size: 1,
      leafBytes: new Uint8Array(),
      proof: [],
      expectedRoot: b64(vectors.roots['1']!),
      hashAlgorithm: 'sm3',
    })
    expect(r).toMatchObject({ ok: false, reason: 'hash_algorithm' })
  })

  it('handles indexes beyond 32 bits', async () => {
    // A right-most leaf of a tree of 2^33 + 1 leaves: its path is one hash (the left subtree).
    const leaf = await leafHash(new Uint8Array([1]))
    const left = await leafHash(new Uint8Array([2]))
    const root = await rootFromInclusionProof(2 ** 33, 2 ** 33 + 1, leaf, [left])
    expect(bytesToHex(root)).toBe(bytesToHex(await nodeHash(left, leaf)))
  })
})

describe('signed checkpoints', () => {
  async function signedNote(origin: string, size: number, root: Uint8Array) {
    const keys = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, [
      'sign',
      'verify',
    ])) as CryptoKeyPair
    const pub = new Uint8Array(await crypto.subtle.exportKey('raw', keys.publicKey))
    const typed = new Uint8Array([1, ...pub])
    const id = new Uint8Array(
      await crypto.subtle.digest(
        'SHA-256',
        new Uint8Array([...new TextEncoder().encode(`${origin}\n`), ...typed]),
      ),
    ).slice(0, 4)
    const text = `${origin}\n${size}\n${bytesToBase64(root)}\n`
    const sig = new Uint8Array(
      await crypto.subtle.sign(
        { name: 'Ed25519' },
        keys.privateKey,
        new TextEncoder().encode(text),
      ),
    )
    const note = `${text}\n— ${origin} ${bytesToBase64(new Uint8Array([...id, ...sig]))}\n`
    const vkey = `${origin}+${bytesToHex(id)}+${bytesToBase64(typed)}`
    return { note, vkey, text }
  }

  it('parses the note and verifies its Ed25519 signature; a changed size fails', async () => {
    const root = hexToBytes(vectors.roots['8']!)
    const { note, vkey } = await signedNote('gongshu/test', 8, root)
    const cp = parseCheckpointNote(note)
    expect(cp).toMatchObject({ origin: 'gongshu/test', size: 8, root: bytesToBase64(root) })
    expect(await verifyCheckpointSignature(note, vkey)).toBe('valid')
    expect(await verifyCheckpointSignature(note.replace('\n8\n', '\n9\n'), vkey)).toBe('invalid')
    const other = await signedNote('gongshu/test', 8, root)
    expect(await verifyCheckpointSignature(note, other.vkey)).toBe('invalid')
  })

  it('verifies a checkpoint signed by the platform (a key whose base64 contains "+")', async () => {
    const note =
      'gongshu/vm\n114\nxUs3xJGmvHLWKBcv7jhPDi4243cePp+enGf+RnzLrLs=\n\n' +
      '— gongshu/vm hThI7p/CZ1YW6/3jQWmEFiCHr7n96Raj0V+JmW08yZcQ3gti1KPiSdB9kGr5xd8JYsg4uhIfF1anRz2QylgtA9oT/AY=\n'
    const vkey = 'gongshu/vm+853848ee+AaZdC9AsEFEGxZ8mpq7+vC6xB1DCuSkR07a5Sqca3d48'
    expect(await verifyCheckpointSignature(note, vkey)).toBe('valid')
    expect(await verifyCheckpointSignature(note.replace('\n114\n', '\n115\n'), vkey)).toBe(
      'invalid',
    )
  })

  it('reports SM2 keys as unsupported in the browser', async () => {
    const sm2 = `gongshu/x+01020304+${bytesToBase64(new Uint8Array([0xff, ...new Array(65).fill(4)]))}`
    const { note } = await signedNote('gongshu/x', 1, hexToBytes(vectors.roots['1']!))
    expect(await verifyCheckpointSignature(note, sm2)).toBe('unsupported')
  })

  it('round-trips base64', () => {
    expect(bytesToBase64(base64ToBytes('AAEC/w=='))).toBe('AAEC/w==')
  })
})
