// Copy-ready API snippets (curl, Python, JavaScript) for exactly the query on screen.

export type SnippetParams = Record<string, string | number | undefined>

function clean(params: SnippetParams): [string, string][] {
  return Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => [k, String(v)])
}

/** POSIX shell single-quoting. */
export function shellQuote(s: string): string {
  return "'" + s.replace(/'/g, `'\\''`) + "'"
}

/** A string literal valid in both Python 3 and JavaScript (JSON escaping, non-ASCII kept). */
export function stringLiteral(s: string): string {
  return JSON.stringify(s)
}

export function curlSnippet(url: string, params: SnippetParams): string {
  const p = clean(params)
  if (!p.length) return `curl ${shellQuote(url)}`
  const lines = [`curl -G ${shellQuote(url)}`]
  for (const [k, v] of p) lines.push(`  --data-urlencode ${shellQuote(`${k}=${v}`)}`)
  return lines.join(' \\\n')
}

export function pythonSnippet(url: string, params: SnippetParams): string {
  const p = clean(params)
  const body = p.map(([k, v]) => `    ${stringLiteral(k)}: ${stringLiteral(v)},`).join('\n')
  return [
    'import requests',
    '',
    `url = ${stringLiteral(url)}`,
    p.length ? `params = {\n${body}\n}` : 'params = {}',
    'response = requests.get(url, params=params, timeout=60)',
    'response.raise_for_status()',
    'data = response.json()',
    'print(data.get("total_count"), len(data["results"]))',
  ].join('\n')
}

export function javascriptSnippet(url: string, params: SnippetParams): string {
  const p = clean(params)
  const body = p
    .map(
      ([k, v]) => `  ${/^[A-Za-z_$][\w$]*$/.test(k) ? k : stringLiteral(k)}: ${stringLiteral(v)},`,
    )
    .join('\n')
  return [
    p.length
      ? `const params = new URLSearchParams({\n${body}\n})`
      : 'const params = new URLSearchParams()',
    `const response = await fetch(${stringLiteral(url)} + '?' + params)`,
    'if (!response.ok) throw new Error((await response.json()).error.message)',
    'const data = await response.json()',
    'console.log(data.total_count, data.results)',
  ].join('\n')
}

/** The full URL of a GET with these params (what the snippets request). */
export function fullUrl(url: string, params: SnippetParams): string {
  const sp = new URLSearchParams(clean(params))
  const q = sp.toString()
  return q ? `${url}?${q}` : url
}
