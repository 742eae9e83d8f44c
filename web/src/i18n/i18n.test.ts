// @vitest-environment node
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import zhCN from './zh-CN'
import en from './en'

type Tree = { [k: string]: string | Tree }

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [prefix + k] : keys(v, `${prefix}${k}.`),
  )
}
function lookup(tree: Tree, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>(
      (node, part) => (node && typeof node === 'object' ? (node as Tree)[part] : undefined),
      tree,
    )
}
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name: string) => {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) return sources(p)
    return /\.(vue|ts)$/.test(name) && !name.endsWith('.test.ts') ? [p] : []
  })
}

const srcDir = fileURLToPath(new URL('..', import.meta.url))

describe('i18n messages', () => {
  it('zh-CN and en have exactly the same keys', () => {
    const zh = keys(zhCN as Tree).sort()
    const e = keys(en as Tree).sort()
    expect(e.filter((k) => !zh.includes(k))).toEqual([])
    expect(zh.filter((k) => !e.includes(k))).toEqual([])
  })

  it('no message is empty', () => {
    for (const [name, tree] of [
      ['zh-CN', zhCN],
      ['en', en],
    ] as const) {
      for (const k of keys(tree as Tree))
        expect((lookup(tree as Tree, k) as string).trim(), `${name}:${k}`).not.toBe('')
    }
  })

  it('every key the sources use exists (literal keys, and the prefix of template keys)', () => {
    const literal = /\bt\(\s*'([a-zA-Z0-9_.]+)'/g
    const template = /\bt\(\s*`([a-zA-Z0-9_.]+)\.\$\{/g
    const missing: string[] = []
    let count = 0
    for (const file of sources(srcDir)) {
      const text = readFileSync(file, 'utf8')
      for (const m of text.matchAll(literal)) {
        count++
        if (typeof lookup(zhCN as Tree, m[1]!) !== 'string') missing.push(`${file}: ${m[1]}`)
      }
      for (const m of text.matchAll(template)) {
        if (typeof lookup(zhCN as Tree, m[1]!) !== 'object') missing.push(`${file}: ${m[1]}.*`)
      }
    }
    expect(missing).toEqual([])
    expect(count).toBeGreaterThan(100)
  })

  it('has no raw vue-i18n special characters that would break compilation', () => {
    for (const tree of [zhCN, en]) {
      for (const k of keys(tree as Tree)) {
        const v = lookup(tree as Tree, k) as string
        expect(v.includes('|') || v.includes('@'), k).toBe(false)
      }
    }
  })
})
