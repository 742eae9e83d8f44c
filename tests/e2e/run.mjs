#!/usr/bin/env node
// Browser end-to-end tests of the web portal against the real server.
//
//   node tests/e2e/run.mjs --binary build/debug/gongshu [--web web/dist] [--keep] [--only NAME]
//                          [--url URL --data DIR]
//
// Starts `gongshu demo --data <fresh temp dir> --port 0 --web <web/dist>`, waits for
// "Gongshu serving at http://127.0.0.1:PORT/", drives Debian's /usr/bin/chromium through
// playwright-core (resolved from web/node_modules: no browser download), saves a screenshot per
// test in tests/e2e/artifacts/, stops the server with SIGTERM and exits non-zero on any failure.
// The last line is "N passed, N failed". The console tests sign in as each demo user with the
// credentials the demo writes to <data dir>/keys/demo-users.txt (never hard-coded here); with
// --url, --data names the running server's data directory.
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
    else if (a === '--data') out.data = resolve(argv[++i])
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
const dataDir = args.data || mkdtempSync(join(tmpdir(), 'gongshu-e2e-data-'))
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

// ---- signing in as the demo users ---------------------------------------------------------------
/** role → {username, password}, read from the file `gongshu demo` writes (never hard-coded). */
function demoCredentials() {
  const file = join(dataDir, 'keys', 'demo-users.txt')
  assert(existsSync(file), `demo credentials not found: ${file} (with --url, pass --data DIR)`)
  const out = {}
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue
    const [role, username, password, organisation] = line.split('\t')
    out[username] = { role, username, password, organisation }
  }
  return out
}

/**
 * Forgets any earlier sign-in of this browser profile: the portal's marker first (on one of its
 * pages, while the cookie is still valid, so that nothing answers 401), then the cookie.
 */
async function resetSession(page) {
  await page.goto(url('/developers'))
  await page.evaluate(() => localStorage.removeItem('gongshu.session'))
  await browserContext.clearCookies()
}

/** Signs in through the login page; resolves on the console the portal opens. */
async function signIn(page, username, redirect = '') {
  const who = demoCredentials()[username]
  assert(who, `no demo user ${username}`)
  await resetSession(page)
  await page.goto(url(redirect ? `/login?redirect=${encodeURIComponent(redirect)}` : '/login'))
  await page.getByLabel('用户名').fill(who.username)
  await page.getByLabel('密码', { exact: true }).fill(who.password)
  await page.getByTestId('login-submit').click()
  await page.waitForURL(redirect ? (u) => u.pathname + u.search === redirect : /\/console\//, {
    timeout: 30_000,
  })
  return who
}

async function signOut(page) {
  await page.getByTestId('user-button').click()
  await page.getByTestId('logout').click()
  await page.getByTestId('login-link').waitFor({ timeout: 10_000 })
}

/** The text of the state tag in a table row. */
async function rowState(row) {
  return (await row.locator('[data-state]').first().innerText()).trim()
}

const shared = {}

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

  // ---- consoles after sign-in ---------------------------------------------------------------------
  await test('signed-out console visit goes to login; a wrong password shows the API message', async (page) => {
    page.allowErrors = [/Failed to load resource.*401/]
    await resetSession(page)
    await page.goto(url('/console/department'))
    await page.waitForURL(
      (u) => u.pathname === '/login' && u.searchParams.get('redirect') === '/console/department',
    )
    await page.getByTestId('login-link').waitFor()
    await page.getByLabel('用户名').fill('consumer')
    await page.getByLabel('密码', { exact: true }).fill('not-the-password')
    await page.getByTestId('login-submit').click()
    await page.getByTestId('login-error').waitFor({ timeout: 30_000 })
    const msg = await page.getByTestId('login-error').innerText()
    assert(msg.includes('用户名或密码错误'), `login error: ${msg}`)
  })

  await test('consumer: signs in, previews open data, applies to share population-registry', async (page) => {
    await signIn(page, 'consumer', '/datasets/flights?tab=preview')
    // Signed-in department users preview open data too (the portal asks on the open channel).
    await page
      .locator('[data-testid="preview-table"] tbody tr')
      .first()
      .waitFor({ timeout: 60_000 })
    assert(
      (await page.getByTestId('apply-share').count()) === 0,
      'no apply button on an unconditionally shared dataset',
    )
    assert(
      (await page.getByTestId('user-button').innerText()).includes('民政厅数据使用人员'),
      'header shows the user',
    )
    // A console of another role: a clear "no permission" state.
    await page.goto(url('/console/auditor'))
    await page.getByTestId('console-forbidden').waitFor()
    assert(
      (await page.getByTestId('console-forbidden').innerText()).includes('无权访问'),
      'forbidden',
    )

    await page.goto(url('/datasets/population-registry'))
    await page.getByTestId('apply-share').click()
    await page.waitForURL(/\/console\/department\?tab=apply&resource=population-registry/)
    const form = page.getByTestId('share-apply-form')
    await form.locator('[data-field="county_code"]').waitFor({ timeout: 30_000 })
    await page.getByTestId('apply-purposes').fill('e2e-review')
    await page.getByTestId('apply-scenario').fill('端到端测试：核对低保对象户籍信息')
    await page.getByLabel('使用期限（天，1–1825）').fill('30')
    await page.getByTestId('apply-submit').click()
    const result = page.getByTestId('apply-result')
    await result.waitFor({ timeout: 30_000 })
    const text = await result.innerText()
    const id = /sa_[0-9a-f]+/.exec(text)?.[0]
    assert(id && text.includes('合规检查通过'), `result: ${text}`)
    shared.shareApplication = id

    await page.getByRole('tab', { name: '本部门的申请' }).click()
    const row = page.locator(`[data-testid="share-applications"] tr[data-id="${id}"]`)
    await row.waitFor({ timeout: 30_000 })
    assert((await rowState(row)) === '合规检查通过', 'listed under our applications')
    await signOut(page)
    await waitIdle(page)
  })

  await test('steward: approves it with fewer fields, rejects another with a reason, applies for registration', async (page) => {
    assert(shared.shareApplication, 'needs the consumer test')
    await signIn(page, 'steward')
    await page.waitForURL(/\/console\/department/)
    const row = page.locator(
      `[data-testid="share-applications"] tr[data-id="${shared.shareApplication}"]`,
    )
    await row.waitFor({ timeout: 30_000 })
    assert((await row.innerText()).includes('省民政厅'), 'applicant department shown')
    await row.locator('[data-action="approve"]').click()
    const dialog = page.getByRole('dialog', { name: '批准共享申请' })
    await dialog.locator('[data-field="address"]').click()
    await dialog.getByLabel(/批准期限/).fill('20')
    await dialog.getByTestId('approve-confirm').click()
    await dialog.waitFor({ state: 'hidden', timeout: 30_000 })
    await page.waitForFunction(
      (id) =>
        document.querySelector(`tr[data-id="${id}"] [data-state]`)?.dataset.state === 'approved',
      shared.shareApplication,
      { timeout: 30_000 },
    )

    // The demo's pending application for riot-fatalities: reject with a reason.
    const pending = page
      .locator('[data-testid="share-applications"] tr[data-resource="riot-fatalities"]')
      .filter({ has: page.locator('[data-action="reject"]') })
      .first()
    const pendingId = await pending.getAttribute('data-id')
    await pending.locator('[data-action="reject"]').click()
    const reject = page.getByRole('dialog', { name: `驳回 ${pendingId}` })
    await reject.getByTestId('reason-confirm').click()
    await reject.getByText('此项为必填项').waitFor() // a rejection needs its reason
    await reject.getByTestId('reason-input').fill('端到端测试：用途与该数据资源无关')
    await reject.getByTestId('reason-confirm').click()
    await reject.waitFor({ state: 'hidden', timeout: 30_000 })
    await page.waitForFunction(
      (id) =>
        document.querySelector(`tr[data-id="${id}"] [data-state]`)?.dataset.state === 'rejected',
      pendingId,
      { timeout: 30_000 },
    )

    // The grant it yielded, provided by the department, without the address field.
    await page.getByRole('tab', { name: '授权' }).click()
    const grant = page
      .locator('[data-testid="grants"] tr[data-resource="population-registry"]')
      .filter({ hasText: '有效' })
    await grant.first().waitFor({ timeout: 30_000 })
    assert((await grant.count()) >= 2, 'the new grant is listed beside the demo one')

    // Our resources with versions; apply for a change registration of population-registry.
    await page.getByRole('tab', { name: '本部门资源' }).click()
    const res = page.locator('[data-testid="org-resources"] tr[data-id="population-registry"]')
    await res.waitFor({ timeout: 30_000 })
    assert((await res.innerText()).includes('1R-'), 'registration code shown')
    await res.locator('[data-action="register"]').click()
    const reg = page.getByRole('dialog', { name: '申请登记' })
    await reg.getByTestId('register-description').fill('端到端测试：变更登记')
    await reg.getByTestId('register-confirm').click()
    await page.locator('.el-message--success', { hasText: '登记申请' }).waitFor({ timeout: 30_000 })
    await signOut(page)
    await waitIdle(page)
  })

  await test('consumer: the approval and its grant appear', async (page) => {
    await signIn(page, 'consumer')
    const row = page.locator(
      `[data-testid="share-applications"] tr[data-id="${shared.shareApplication}"]`,
    )
    await row.waitFor({ timeout: 30_000 })
    assert((await rowState(row)) === '已批准', 'approved')
    await page.getByRole('tab', { name: '授权' }).click()
    const grants = page.locator('[data-testid="grants"] tr[data-resource="population-registry"]')
    await grants.first().waitFor({ timeout: 30_000 })
    assert((await grants.count()) >= 2, 'held grants')
    await waitIdle(page)
  })

  await test('public user: applies for conditionally open bird-strikes under the agreement', async (page) => {
    await signIn(page, 'citizen', '/datasets/flights')
    await page.locator('h1', { hasText: '航班' }).waitFor()
    assert((await page.getByTestId('apply-open').count()) === 0, 'flights is unconditionally open')
    await page.goto(url('/datasets/bird-strikes'))
    await page.getByTestId('apply-open').click()
    await page.waitForURL(/\/console\/public\?tab=apply&resource=bird-strikes/)
    const form = page.getByTestId('open-apply-form')
    await form.locator('[data-field]').first().waitFor({ timeout: 30_000 })
    await page.getByTestId('agreement-text').waitFor()
    assert(
      (await page.getByTestId('agreement-text').innerText()).includes('协议'),
      'agreement text',
    )
    await page.getByTestId('apply-purposes').fill('bird-safety-study')
    await page.getByTestId('apply-scenario').fill('端到端测试：机场鸟击风险研究')
    await page.getByTestId('apply-measures').fill('加密存储，仅本人使用，不向第三方提供')
    // Without accepting the agreement the form refuses.
    await page.getByTestId('apply-submit').click()
    await form.getByText('请阅读并勾选同意开放利用协议').waitFor()
    await page.getByTestId('apply-accept').click()
    await page.getByTestId('apply-submit').click()
    const result = page.getByTestId('apply-result')
    await result.waitFor({ timeout: 30_000 })
    const text = await result.innerText()
    const id = /oa_[0-9a-f]+/.exec(text)?.[0]
    assert(id && text.includes('已提交'), `result: ${text}`)
    await page.getByRole('tab', { name: '我的开放数据申请' }).click()
    const row = page.locator(`[data-testid="open-applications"] tr[data-id="${id}"]`)
    await row.waitFor({ timeout: 30_000 })
    assert((await rowState(row)) === '已提交', 'listed as submitted')
    await page.getByRole('tab', { name: '我的开放授权' }).click()
    await page.locator('[data-testid="grants"] tr[data-resource="enterprise-registry"]').waitFor()
    await signOut(page)
    await waitIdle(page)
  })

  await test('auditor: checkpoint signature and a one-click inclusion check verify in the browser', async (page) => {
    await signIn(page, 'auditor')
    await page.waitForURL(/\/console\/auditor/)
    const sig = page.getByTestId('checkpoint-signature')
    await sig.waitFor({ timeout: 30_000 })
    assert(
      (await sig.getAttribute('data-result')) === 'valid',
      `signature: ${await sig.innerText()}`,
    )
    const rows = page.locator('[data-testid="audit-entries"] tbody tr[data-index]')
    await rows.first().waitFor({ timeout: 30_000 })
    assert((await rows.count()) >= 10, 'a page of entries')
    // An entry some way down the page (the newest may not be in a checkpoint yet).
    const row = rows.nth(5)
    const index = await row.getAttribute('data-index')
    await row.locator('[data-action="verify"]').click()
    await row.getByTestId('verified').waitFor({ timeout: 30_000 })
    assert((await row.getByTestId('verified').innerText()) === '已验证', 'verified')
    await page.screenshot({ path: join(artifacts, 'auditor-verified.png'), fullPage: true })
    // And one on the second page.
    await page.locator('.gs-pager .number', { hasText: /^2$/ }).click()
    await page.waitForFunction(
      (i) => {
        const first = document.querySelector('[data-testid="audit-entries"] tbody tr[data-index]')
        return first && Number(first.dataset.index) < Number(i) - 10
      },
      index,
      { timeout: 30_000 },
    )
    const other = page.locator('[data-testid="audit-entries"] tbody tr[data-index]').first()
    await other.locator('[data-action="verify"]').click()
    await other.getByTestId('verified').waitFor({ timeout: 30_000 })
    await waitIdle(page)
  })

  await test('authority: reviews the registration, sees authorizations, users and usage charts', async (page) => {
    await signIn(page, 'admin')
    await page.waitForURL(/\/console\/authority/)
    const row = page
      .locator('[data-testid="registrations"] tr')
      .filter({ has: page.locator('[data-state="submitted"]') })
      .first()
    await row.waitFor({ timeout: 30_000 })
    const regId = await row.getAttribute('data-id')
    await row.locator('[data-action="approve"]').click()
    const dialog = page.getByRole('dialog', { name: `审核通过登记申请 ${regId}` })
    await dialog.getByTestId('reason-confirm').click()
    await dialog.waitFor({ state: 'hidden', timeout: 30_000 })
    await page.waitForFunction(
      (id) =>
        ['approved', 'noticed'].includes(
          document.querySelector(`tr[data-id="${id}"] [data-state]`)?.dataset.state,
        ),
      regId,
      { timeout: 30_000 },
    )

    await page.getByRole('tab', { name: '超期上报' }).click()
    await page.getByText('暂无超期上报的共享申请').waitFor({ timeout: 30_000 })
    await page.getByRole('tab', { name: '授权运营' }).click()
    const auth = page.locator('[data-testid="authorizations"] tr[data-id^="au_"]').first()
    await auth.waitFor({ timeout: 30_000 })
    assert((await rowState(auth)) === '生效中', 'active authorization')
    assert((await auth.locator('[data-action="suspend"]').count()) === 1, 'lifecycle actions')
    await page.getByRole('tab', { name: '用户与机构' }).click()
    await page
      .locator('[data-testid="users"] tr[data-username="auditor"]')
      .waitFor({ timeout: 30_000 })
    assert((await page.locator('[data-testid="users"] tbody tr').count()) >= 8, 'every demo user')

    await page.getByRole('tab', { name: '使用统计' }).click()
    const charts = page.locator('[data-testid="usage-chart"]')
    await charts.nth(2).waitFor({ timeout: 60_000 })
    await page.waitForTimeout(800) // let the charts animate in
    for (const by of ['day', 'resource', 'organisation']) {
      const painted = await page.evaluate((b) => {
        const canvas = document.querySelector(`[data-by="${b}"] [data-testid="usage-chart"] canvas`)
        if (!canvas) return 0
        const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height)
        let n = 0
        for (let i = 0; i < data.length; i += 16) if (data[i + 3] > 0) n++
        return n
      }, by)
      assert(painted > 500, `the ${by} chart looks empty`)
    }
    const calls = await page.locator('[data-total="calls"] dd').innerText()
    assert(Number(calls.replace(/[^\d]/g, '')) > 0, `calls: ${calls}`)
    await waitIdle(page)
  })

  await test('operators: analyst and administrator see their authorization', async (page) => {
    for (const user of ['analyst', 'operator-admin']) {
      await signIn(page, user)
      await page.waitForURL(/\/console\/operator/)
      const row = page.locator('[data-testid="authorizations"] tr[data-id^="au_"]').first()
      await row.waitFor({ timeout: 30_000 })
      const text = await row.innerText()
      assert(text.includes('依场景授权') && text.includes('沙箱汇总计算'), `row: ${text}`)
      assert((await rowState(row)) === '生效中', 'active')
      assert((await row.locator('[data-action]').count()) === 0, 'operators cannot move it')
      await signOut(page)
    }
    await waitIdle(page)
  })

  await test('consoles fit a 375 px phone and switch to English', async (page) => {
    await page.setViewportSize({ width: 375, height: 812 })
    await signIn(page, 'steward')
    await page
      .locator('[data-testid="share-applications"] tbody tr')
      .first()
      .waitFor({ timeout: 30_000 })
    await waitIdle(page)
    let overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    )
    assert(overflow <= 1, `department console is ${overflow}px wider than the phone`)
    await page.goto(url('/console/department?tab=resources'))
    await page
      .locator('[data-testid="org-resources"] tbody tr')
      .first()
      .waitFor({ timeout: 30_000 })
    overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert(overflow <= 1, `resources tab is ${overflow}px wider than the phone`)
    await page.locator('[data-locale="en"]').click()
    await page.getByRole('tab', { name: 'Our datasets' }).waitFor()
    assert((await page.locator('.gs-console__title').innerText()) === 'Console', 'English title')
    await page.locator('[data-locale="zh-CN"]').click()
    await page.getByRole('tab', { name: '本部门资源' }).waitFor()
    await signOut(page)
    await waitIdle(page)
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
    for (const d of [args.data ? null : dataDir, profileDir, downloadsDir])
      if (d) rmSync(d, { recursive: true, force: true })
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
