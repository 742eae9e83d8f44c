#!/usr/bin/env node
// Browser end-to-end tests of the web portal against the real server.
//
//   node tests/e2e/run.mjs --binary build/debug/gongshu [--web web/dist] [--keep] [--only NAME] [--url URL]
//
// Starts `gongshu demo --data <fresh temp dir> --port 0 --web <web/dist>`, waits for
// "Gongshu serving at http://127.0.0.1:PORT/", drives Debian's /usr/bin/chromium through
// playwright-core (resolved from web/node_modules: no browser download), saves a screenshot per
// test in tests/e2e/artifacts/, stops the server with SIGTERM and exits non-zero on any failure.
// The last line is "N passed, N failed".
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const repo = resolve(here, '..', '..')
const artifacts = join(here, 'artifacts')

function parseArgs(argv) {
  const out = {
    binary: '',
    web: join(repo, 'web', 'dist'),
    keep: false,
    chromium: process.env.CHROMIUM || '/usr/bin/chromium',
    only: '',
  }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--binary') out.binary = argv[++i]
    else if (a === '--web') out.web = argv[++i]
    else if (a === '--chromium') out.chromium = argv[++i]
    else if (a === '--only') out.only = argv[++i]
    else if (a === '--url') out.url = argv[++i].replace(/\/$/, '')
    else if (a === '--keep') out.keep = true
    else {
      console.error(`e2e: unknown argument ${a}`)
      process.exit(2)
    }
  }
  if (!out.binary) {
    console.error(
      'usage: node tests/e2e/run.mjs --binary <path to gongshu> [--web web/dist] [--keep] [--only NAME]',
    )
    process.exit(2)
  }
  out.binary = resolve(out.binary)
  // --url: test an already running server (a developer's shortcut; the binary is then not started).
  out.web = resolve(out.web)
  return out
}

const args = parseArgs(process.argv.slice(2))
const requireFromWeb = createRequire(join(repo, 'web', 'package.json'))
let chromium
try {
  ;({ chromium } = requireFromWeb('playwright-core'))
} catch {
  console.error(
    'e2e: playwright-core is missing; run `npm ci --ignore-scripts` in web/ (scripts/bootstrap.sh does).',
  )
  process.exit(2)
}
for (const [what, path] of [
  ['gongshu binary', args.binary],
  ['built portal (npm run build in web/)', join(args.web, 'index.html')],
  ['chromium (apt-get install chromium)', args.chromium],
]) {
  if (!existsSync(path)) {
    console.error(`e2e: ${what} not found: ${path}`)
    process.exit(2)
  }
}
mkdirSync(artifacts, { recursive: true })

// ---- server -----------------------------------------------------------------------------------
const dataDir = mkdtempSync(join(tmpdir(), 'gongshu-e2e-data-'))
const profileDir = mkdtempSync(join(tmpdir(), 'gongshu-e2e-chromium-'))
const downloadsDir = mkdtempSync(join(tmpdir(), 'gongshu-e2e-downloads-'))
let server
let serverLog = ''

function startServer() {
  return new Promise((resolvePromise, reject) => {
    server = spawn(
      args.binary,
      ['demo', '--data', dataDir, '--port', '0', '--web', args.web, '--no-access-log'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    const timeout = setTimeout(
      () => reject(new Error(`server did not start within 600 s\n${serverLog.slice(-4000)}`)),
      600_000,
    )
    const onData = (chunk) => {
      const text = chunk.toString()
      serverLog += text
      process.stdout.write(text.replace(/^(?=.)/gm, '  [server] '))
      const m = /Gongshu serving at (http:\/\/[^\s/]+:\d+)\//.exec(serverLog)
      if (m) {
        clearTimeout(timeout)
        resolvePromise(m[1].replace('0.0.0.0', '127.0.0.1'))
      }
    }
    server.stdout.on('data', onData)
    server.stderr.on('data', (chunk) => {
      serverLog += chunk.toString()
    })
    server.on('exit', (code, signal) => {
      clearTimeout(timeout)
      reject(
        new Error(
          `server exited early (code ${code}, signal ${signal})\n${serverLog.slice(-4000)}`,
        ),
      )
    })
  })
}

async function stopServer() {
  if (!server || server.exitCode !== null || server.signalCode !== null) return
  server.removeAllListeners('exit') // the start-up listener rejects on exit
  const exited = new Promise((r) => server.once('exit', r))
  server.kill('SIGTERM')
  const timer = setTimeout(() => server.kill('SIGKILL'), 15_000)
  await exited
  clearTimeout(timer)
}

// ---- tiny test harness --------------------------------------------------------------------------
const results = []
let browserContext
let baseUrl

function assert(cond, message) {
  if (!cond) throw new Error(message)
}

/** A fresh page that records console errors and uncaught exceptions. */
async function newPage(viewport = { width: 1366, height: 900 }) {
  const page = await browserContext.newPage()
  await page.setViewportSize(viewport)
  page.errors = []
  page.on('console', (msg) => {
    if (msg.type() === 'error') page.errors.push(`console: ${msg.text()}`)
  })
  page.on('pageerror', (err) => page.errors.push(`pageerror: ${err.message}`))
  return page
}

function assertNoConsoleErrors(page, allow = []) {
  const errors = page.errors.filter((e) => !allow.some((re) => re.test(e)))
  assert(errors.length === 0, `console errors:\n  ${errors.join('\n  ')}`)
}

async function test(name, fn) {
  if (args.only && !name.includes(args.only)) return
  const started = Date.now()
  let page
  try {
    page = await newPage()
    await fn(page)
    assertNoConsoleErrors(page, page.allowErrors ?? [])
    results.push({ name, ok: true })
    console.log(`✓ ${name} (${Date.now() - started} ms)`)
  } catch (err) {
    results.push({ name, ok: false, err })
    console.log(
      `✗ ${name} (${Date.now() - started} ms)\n    ${String(err?.stack ?? err)
        .split('\n')
        .join('\n    ')}`,
    )
  } finally {
    if (page) {
      const file = join(artifacts, `${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`)
      await page.screenshot({ path: file, fullPage: true }).catch(() => {})
      await page.close().catch(() => {})
    }
  }
}

const url = (path) => baseUrl + path

async function waitIdle(page) {
  await page.waitForLoadState('networkidle', { timeout: 60_000 }).catch(() => {})
}

/** Picks an option of an Element Plus select. */
async function chooseOption(page, select, optionText) {
  await select.click({ force: true })
  const option = page
    .locator('.el-select-dropdown:visible .el-select-dropdown__item', {
      hasText: optionText,
    })
    .first()
  await option.waitFor({ state: 'visible', timeout: 10_000 })
  await option.click()
}

function parseCsv(text) {
  const rows = []
  let row = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += c
  }
  if (field || row.length) {
    row.push(field)
    rows.push(row)
  }
  return rows
}

async function previewRows(page) {
  return page.$$eval('[data-testid="preview-table"] tbody tr', (trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())),
  )
}
async function previewColumns(page) {
  return page.$$eval('[data-testid="preview-table"] thead tr:first-child th', (ths) =>
    ths.map((th) => th.dataset.column),
  )
}
async function previewTotal(page) {
  const text = await page.locator('[data-testid="preview-total"]').innerText()
  return Number(text.replace(/[^\d]/g, ''))
}

// ---- the tests ----------------------------------------------------------------------------------
async function run() {
  if (!args.url)
    console.log(
      `e2e: starting ${args.binary} demo (loading the demo data can take a minute or more)`,
    )
  baseUrl = args.url || (await startServer())
  console.log(`e2e: server at ${baseUrl}`)
  browserContext = await chromium.launchPersistentContext(profileDir, {
    executablePath: args.chromium,
    headless: true,
    acceptDownloads: true,
    downloadsPath: downloadsDir,
    locale: 'zh-CN',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  })

  await test('home page shows statistics, subjects and dataset lists', async (page) => {
    await page.goto(url('/'))
    await page.locator('[data-stat="resources"] .gs-stat__value').waitFor({ timeout: 30_000 })
    const resources = Number(
      (await page.locator('[data-stat="resources"] .gs-stat__value').innerText()).replace(
        /[^\d]/g,
        '',
      ),
    )
    assert(resources >= 10, `expected at least 10 resources, got ${resources}`)
    assert((await page.locator('.gs-subject').count()) >= 5, 'expected subject cards')
    await page.locator('.gs-list .gs-card').first().waitFor()
    assert((await page.title()).includes('公共数据资源开放平台'), 'title')
    assert((await page.locator('footer').innerText()).includes('技术支持'), 'footer lines')
    await waitIdle(page)
  })

  await test('home page fits a 375 px phone', async (page) => {
    await page.setViewportSize({ width: 375, height: 812 })
    await page.goto(url('/'))
    await page.locator('[data-stat="resources"]').waitFor({ timeout: 30_000 })
    await waitIdle(page)
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    )
    assert(overflow <= 1, `page is ${overflow}px wider than the phone`)
  })

  await test('search 航班 and filter the catalog by facet', async (page) => {
    await page.goto(url('/'))
    const box = page.getByRole('searchbox', { name: '搜索数据资源' })
    await box.fill('航班')
    await box.press('Enter')
    await page.waitForURL(/\/datasets\?q=/)
    await page.locator('.gs-card[data-id="flights"]').waitFor({ timeout: 30_000 })
    const count = await page.locator('[data-testid="result-count"]').innerText()
    assert(/共 \d+ 个数据资源/.test(count), `result count: ${count}`)
    await page.locator('aside [data-facet="subject"] [data-value="transport"]').click()
    await page.waitForURL(/subject=transport/)
    await page.locator('.gs-card[data-id="flights"]').waitFor()
    await page.goBack()
    await page.waitForURL((u) => !u.search.includes('subject='))
    await waitIdle(page)
  })

  await test('flights preview: filter, sort, group and export CSV', async (page) => {
    await page.goto(url('/datasets?q=航班'))
    await page.locator('.gs-card[data-id="flights"] h3 a').click()
    await page.waitForURL(/\/datasets\/flights/)
    await page.locator('h1', { hasText: '航班' }).waitFor()
    await page.getByRole('tab', { name: '数据预览' }).click()
    await page
      .locator('[data-testid="preview-table"] tbody tr')
      .first()
      .waitFor({ timeout: 60_000 })
    const all = await previewTotal(page)
    assert(all > 1_000_000, `expected millions of flights, got ${all}`)

    // Column filters: origin contains SFO, delay ≥ 60.
    const origin = page.getByRole('textbox', { name: /筛选“出发机场”/ })
    await origin.fill('SFO')
    await origin.press('Enter')
    const delayMin = page.getByRole('textbox', {
      name: /筛选“到达延误” 最小值/,
    })
    await delayMin.fill('60')
    await delayMin.press('Enter')
    // Wait until the table shows only filtered rows (requests are debounced and may overlap).
    await page.waitForFunction(
      (n) => {
        const total = Number(
          (document.querySelector('[data-testid="preview-total"]')?.textContent ?? '').replace(
            /[^\d]/g,
            '',
          ),
        )
        if (!(total > 0 && total < n) || document.querySelector('.gs-preview__table.is-stale'))
          return false
        const cols = [
          ...document.querySelectorAll('[data-testid="preview-table"] thead tr:first-child th'),
        ].map((th) => th.dataset.column)
        const rows = [...document.querySelectorAll('[data-testid="preview-table"] tbody tr')].map(
          (tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim()),
        )
        return (
          rows.length > 0 &&
          rows.every(
            (r) =>
              r[cols.indexOf('origin')].toUpperCase().includes('SFO') &&
              Number(r[cols.indexOf('delay')]) >= 60,
          )
        )
      },
      all,
      { timeout: 60_000 },
    )
    const filtered = await previewTotal(page)
    const cols = await previewColumns(page)
    const oi = cols.indexOf('origin')
    const di = cols.indexOf('delay')
    assert(oi >= 0 && di >= 0, `columns: ${cols}`)
    for (const r of await previewRows(page)) {
      assert(r[oi].toUpperCase().includes('SFO'), `row origin ${r[oi]}`)
      assert(Number(r[di]) >= 60, `row delay ${r[di]}`)
    }
    // Sort by delay, descending (two clicks).
    const sortDelay = page.getByRole('button', { name: /按“到达延误”排序/ })
    await sortDelay.click()
    await sortDelay.click()
    await page.waitForFunction(
      () =>
        document.querySelector('th[data-column="delay"]')?.getAttribute('aria-sort') ===
        'descending',
    )
    await page.waitForFunction(
      (i) => {
        if (document.querySelector('.gs-preview__table.is-stale')) return false
        const v = [...document.querySelectorAll('[data-testid="preview-table"] tbody tr')].map(
          (tr) => Number(tr.querySelectorAll('td')[i].textContent),
        )
        return v.length > 1 && v.every((x, k) => k === 0 || v[k - 1] >= x)
      },
      di,
      { timeout: 60_000 },
    )
    const sorted = (await previewRows(page)).map((r) => Number(r[di]))
    assert(
      sorted.every((v, i) => i === 0 || sorted[i - 1] >= v),
      `not sorted descending: ${sorted.slice(0, 10)}`,
    )
    await page.screenshot({
      path: join(artifacts, 'flights-preview-filtered.png'),
      fullPage: true,
    })

    // Export CSV with the filter applied; compare with the preview's total.
    await page.getByRole('tab', { name: '下载与接口' }).click()
    const snippet = await page.locator('[data-snippet="curl"]').innerText()
    assert(
      snippet.includes('where=') && snippet.includes('SFO'.toLowerCase()),
      `curl snippet lacks the filter: ${snippet}`,
    )
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 120_000 }),
      page.locator('[data-format="csv"]').click(),
    ])
    const file = join(downloadsDir, 'flights-filtered.csv')
    await download.saveAs(file)
    await page
      .locator('[data-testid="download-status"]', { hasText: '已下载' })
      .waitFor({ timeout: 60_000 })
    const rows = parseCsv(readFileSync(file, 'utf8').replace(/^\uFEFF/, '')).filter(
      (r) => r.length > 1 || r[0] !== '',
    )
    const header = rows[0]
    const ho = header.indexOf('origin')
    const hd = header.indexOf('delay')
    assert(ho >= 0 && hd >= 0, `CSV header: ${header}`)
    assert(
      rows.length - 1 === filtered,
      `CSV has ${rows.length - 1} rows, the preview said ${filtered}`,
    )
    for (const r of rows.slice(1)) {
      if (!r[ho].toUpperCase().includes('SFO') || Number(r[hd]) < 60)
        throw new Error(`CSV row outside the filter: ${r}`)
    }

    // Group mode: flights per destination with the mean delay, under the same filter.
    await page.getByRole('tab', { name: '数据预览' }).click()
    await page.locator('[data-mode="group"]').click()
    await chooseOption(page, page.locator('[data-testid="group-keys"]'), '到达机场')
    await page.keyboard.press('Escape')
    await page.getByRole('button', { name: '添加指标' }).click()
    await chooseOption(page, page.getByRole('combobox', { name: '汇总方式 2' }), '平均值')
    await chooseOption(page, page.getByRole('combobox', { name: '汇总字段 2' }), '到达延误')
    await page.locator('[data-testid="group-run"]').click()
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="preview-table"] th[data-column="avg_delay"]') &&
        !document.querySelector('.gs-preview__table.is-stale'),
      null,
      { timeout: 60_000 },
    )
    const gcols = await previewColumns(page)
    assert(
      JSON.stringify(gcols) === JSON.stringify(['destination', 'count', 'avg_delay']),
      `group columns: ${gcols}`,
    )
    const groups = await previewRows(page)
    assert(groups.length > 0, 'no groups')
    const counts = groups.map((r) => Number(r[1].replace(/[^\d]/g, '')))
    assert(
      counts.every((v, i) => i === 0 || counts[i - 1] >= v),
      `groups not ordered by count: ${counts}`,
    )
    assert(
      groups.every((r) => Number(r[2]) >= 60),
      'mean delay under the filter must be ≥ 60',
    )
    await waitIdle(page)
  })

  await test('language switch to English persists and relabels the dataset page', async (page) => {
    await page.goto(url('/datasets/flights'))
    await page.locator('h1', { hasText: '航班' }).waitFor()
    await page.locator('[data-locale="en"]').click()
    await page.getByRole('tab', { name: 'Preview' }).waitFor()
    assert(
      (await page.locator('h1.gs-dataset__title').innerText()).includes('Flight operations'),
      'English title',
    )
    assert((await page.locator('nav.gs-nav').innerText()).includes('Datasets'), 'English nav')
    assert((await page.evaluate(() => document.documentElement.lang)) === 'en', 'html lang')
    await page.reload()
    await page.getByRole('tab', { name: 'Preview' }).waitFor()
    assert(
      (await page.locator('.gs-brand__name').innerText()).includes('Public Data Open Platform'),
      'persisted English',
    )
    await page.screenshot({
      path: join(artifacts, 'dataset-english.png'),
      fullPage: true,
    })
    await page.locator('[data-locale="zh-CN"]').click()
    await page.getByRole('tab', { name: '数据预览' }).waitFor()
    await waitIdle(page)
  })

  await test('division-coded dataset renders the China map with data', async (page) => {
    await page.goto(url('/datasets/divisions-county?tab=chart'))
    const chart = page.locator('[data-testid="chart"][data-chart-type="map"]')
    await chart.waitFor({ timeout: 60_000 })
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="chart"]')?.dataset.points ?? 0) >= 30,
      null,
      { timeout: 60_000 },
    )
    await page.waitForTimeout(1500) // let the map's animation settle
    const painted = await page.evaluate(() => {
      const canvas = document.querySelector('[data-testid="chart"] canvas')
      if (!canvas) return 0
      const ctx = canvas.getContext('2d')
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height)
      let coloured = 0
      for (let i = 0; i < data.length; i += 16) {
        const [r, g, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]]
        if (a > 0 && b > r + 30) coloured++ // the blue scale of the provinces
      }
      return coloured
    })
    assert(painted > 1000, `the map canvas looks empty (${painted} blue samples)`)
    const table = await page.locator('.gs-chart__data').textContent()
    assert(table.includes('广东省'), 'chart data lists provinces by full name')
    await waitIdle(page)
  })

  await test('province dataset charts as a bar chart too', async (page) => {
    await page.goto(url('/datasets/divisions-city?tab=chart'))
    await page.locator('[data-testid="chart"][data-chart-type="map"]').waitFor({ timeout: 60_000 })
    await page.locator('[data-chart="bar"]').click()
    await chooseOption(page, page.locator('[data-testid="chart-dimension"]'), 'province_code')
    await page.locator('[data-testid="chart-draw"]').click()
    await page.locator('[data-testid="chart"][data-chart-type="bar"]').waitFor({ timeout: 60_000 })
    await waitIdle(page)
  })

  await test('unknown dataset shows the API message in Chinese', async (page) => {
    page.allowErrors = [/Failed to load resource.*404/]
    await page.goto(url('/datasets/no-such-dataset'))
    await page.locator('.gs-dataset__missing', { hasText: '不存在' }).waitFor({ timeout: 30_000 })
  })

  await test('developer page links work', async (page) => {
    await page.goto(url('/developers'))
    await page.locator('h1', { hasText: '开发者接口' }).waitFor()
    const hrefs = await page.$$eval('main a[href^="/api/"]', (as) =>
      as.map((a) => a.getAttribute('href')),
    )
    assert(hrefs.length >= 5, 'API example links')
    for (const href of hrefs) {
      const res = await page.request.get(url(href))
      assert(res.ok(), `${href} → HTTP ${res.status()}`)
    }
  })
}

let exitCode = 0
try {
  await run()
} catch (err) {
  console.log(`✗ setup failed: ${err?.stack ?? err}`)
  results.push({ name: 'setup', ok: false, err })
} finally {
  await browserContext?.close().catch(() => {})
  await stopServer()
  if (!args.keep) {
    for (const d of [dataDir, profileDir, downloadsDir]) rmSync(d, { recursive: true, force: true })
  } else {
    console.log(`e2e: kept ${dataDir}`)
  }
}
const passed = results.filter((r) => r.ok).length
const failed = results.length - passed
if (failed || !passed) exitCode = 1
console.log(`screenshots: ${artifacts}`)
console.log(`${passed} passed, ${failed} failed`)
process.exit(exitCode)
