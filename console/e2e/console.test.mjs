// The console in a real headless Chromium (Debian's package, driven by playwright-core) against a
// running local stack. Started by tests/browser (ConsoleInBrowserTest), which starts the stack and
// passes its addresses: CONSOLE_URL, POSTS_API_URL (the function URL, to change a post behind the
// console's back), SANDBOX_URL (the sandbox platform's pages), SCREENSHOTS (a folder under target/),
// CHROMIUM (the browser binary). Nothing here leaves loopback: platform permalinks (facebook.com)
// are checked for their form, never opened.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const CONSOLE_URL = required('CONSOLE_URL');
const POSTS_API_URL = required('POSTS_API_URL');
const SANDBOX_URL = required('SANDBOX_URL');
const SCREENSHOTS = required('SCREENSHOTS');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WAIT = 90_000;

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this through tests/browser (mvn -pl tests/browser -am verify)`);
  return value;
}

let browser;

// playwright-core gives the browser a fresh profile of its own (a new --user-data-dir in the temp
// folder, removed at close): it refuses the flag from us for that reason.
before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
});

/** A fresh page, signed in locally; any script error on the page fails the test that uses it. */
async function signedIn(t, name = 'Lan') {
  const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  t.after(async () => {
    await context.close();
    assert.deepEqual(errors, [], 'no script error on the page');
  });
  await page.goto(CONSOLE_URL);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation').waitFor();
  return page;
}

async function api(method, path, body) {
  const response = await fetch(POSTS_API_URL + path, {
    method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

/** An ISO time with offset, {@code minutes} from now (the API wants an offset). */
function inMinutes(minutes) {
  return new Date(Date.now() + minutes * 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
}

/** The sandbox's pages (loopback) show exactly one {@code selector}, with {@code text} in it. */
async function sandboxShows(page, selector, text) {
  const sandbox = await page.context().newPage();
  try {
    await sandbox.goto(SANDBOX_URL + '/');
    const found = sandbox.locator(selector);
    await found.first().waitFor({ timeout: WAIT });
    assert.equal(await found.count(), 1, `one ${selector}`);
    assert.match(await found.innerText(), text);
  } finally {
    await sandbox.close();
  }
}

async function shot(page, name) {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** axe-core's serious and critical violations on the page as it is now (run through the debugger protocol, which the CSP does not govern). */
async function seriousViolations(page) {
  await page.evaluate(AXE);
  const results = await page.evaluate(() => globalThis.axe.run(document, { resultTypes: ['violations'] }));
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

test('a post composed for two sandbox platforms shows on the calendar, then as published with links', async (t) => {
  const page = await signedIn(t);
  const text = `Console e2e ${Date.now()}: hello from the browser`;
  await page.getByRole('link', { name: 'Compose' }).click();
  await page.getByLabel('Text').fill(text);
  await page.getByLabel('mastodon').check();
  await page.getByLabel('facebook').check();
  // Due this minute, in the browser's time zone: the next publish tick sends it.
  const now = await page.evaluate(() => {
    const d = new Date();
    const pad = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  });
  await page.getByLabel('At a time').fill(now);
  const counts = page.getByTestId('counts');
  await counts.locator('li[data-platform="facebook"]').waitFor();
  assert.match(await counts.locator('li[data-platform="mastodon"]').innerText(), new RegExp(`${text.length} / 500`));
  const save = page.getByRole('button', { name: 'Queue post' });
  await page.waitForFunction(() => !document.querySelector('button[type=submit]')?.disabled);
  await shot(page, 'compose');
  await save.click();
  await page.getByText(/Queued for/).waitFor();

  await page.getByRole('link', { name: 'Calendar' }).click();
  const item = page.locator('li.post', { hasText: text });
  await item.waitFor();
  await shot(page, 'calendar-queued');
  const link = async (platform) => {
    await item.locator(`li[data-platform="${platform}"][data-status="PUBLISHED"] a`).waitFor({ timeout: WAIT });
    return item.locator(`li[data-platform="${platform}"] a`).getAttribute('href');
  };
  // The sandbox's Mastodon serves its statuses on loopback: the link opens the very post.
  const mastodon = await link('mastodon');
  assert.match(mastodon, /^http:\/\/127\.0\.0\.1:\d+\//);
  const status = await fetch(mastodon);
  assert.equal(status.status, 200);
  assert.match(await status.text(), new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  // Facebook's permalink is built from the page-scoped post id the sandbox's Graph API gave (never fetched: no internet in tests).
  assert.match(await link('facebook'), /^https:\/\/www\.facebook\.com\/\d+_\d+$/);
  await shot(page, 'calendar-published');
  assert.deepEqual(await seriousViolations(page), []);
});

test('an over-limit text shows the platform count and cannot be saved', async (t) => {
  const page = await signedIn(t);
  await page.getByRole('link', { name: 'Compose' }).click();
  await page.getByLabel('mastodon').check();
  await page.getByLabel('Text').fill('a'.repeat(501));
  const mastodon = page.locator('[data-testid="counts"] li[data-platform="mastodon"].over');
  await mastodon.waitFor();
  assert.match(await mastodon.innerText(), /501 \/ 500/);
  await page.getByTestId('problems').getByText('mastodon: text is 501 characters').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Queue post' }).isDisabled(), true);
  await shot(page, 'compose-over-limit');
  assert.deepEqual(await seriousViolations(page), []);
});

test('a post with an image and its alt text is checked and queued with them', async (t) => {
  const page = await signedIn(t);
  await page.getByRole('link', { name: 'Compose' }).click();
  await page.getByLabel('mastodon').check();
  await page.getByLabel('Text').fill(`With a picture ${Date.now()}`);
  await page.getByLabel('Image 1 URL').fill('https://cdn.example.com/pho.jpg');
  await page.getByLabel('Image 1: what it shows (alt)').fill('A bowl of pho on a wooden table');
  await page.getByLabel('At a time').fill(new Date(Date.now() + 7 * 3_600_000 + 86_400_000).toISOString().slice(0, 16));
  const save = page.getByRole('button', { name: 'Queue post' });
  await page.waitForFunction(() => !document.querySelector('button[type="submit"]')?.disabled);
  const created = page.waitForResponse((r) => r.url().endsWith('/api/posts') && r.request().method() === 'POST');
  await save.click();
  const response = await created;
  const body = await response.json();
  assert.equal(response.status(), 201, JSON.stringify(body));
  assert.deepEqual(body.images, [{ url: 'https://cdn.example.com/pho.jpg', alt: 'A bowl of pho on a wooden table' }]);
  await shot(page, 'compose-image');
});

/** A PNG of {@code width} x {@code height} pixels of one RGB colour: signature, IHDR, one zlib IDAT, IEND. */
function png(width, height, [r, g, b]) {
  const chunk = (type, data) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits per sample, truecolour, deflate, no filter method, no interlace
  const row = Buffer.from([0, ...Array.from({ length: width }, () => [r, g, b]).flat()]); // filter type 0, then the pixels
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)), chunk('IEND', Buffer.alloc(0))]);
}

test('an image file uploaded from the composer goes out on Mastodon with its alt text', async (t) => {
  const page = await signedIn(t);
  const text = `Uploaded from the browser ${Date.now()}`;
  const picture = png(4, 3, [200, 60, 20]);
  await page.getByRole('link', { name: 'Compose' }).click();
  await page.getByLabel('Text').fill(text);
  await page.getByLabel('mastodon').check();
  const file = page.getByLabel('Image 1: or upload a file');
  const status = page.locator('#compose-upload-1');
  assert.equal(await status.getAttribute('aria-live'), 'polite');

  // Checked here, by its first bytes: nothing is asked of the desk, and the post cannot be saved.
  await file.setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('not a picture at all') });
  await status.getByText('notes.png is not a JPEG, PNG, GIF or WebP image.').waitFor();
  await page.getByText('An image did not upload').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Queue post' }).isDisabled(), true);

  // Straight to the bucket (a cross-origin PUT the bucket's CORS rule lets in), then the reference and a preview.
  const put = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes('/uploads/'));
  await file.setInputFiles({ name: 'sunset.png', mimeType: 'image/png', buffer: picture });
  assert.equal((await put).status(), 200);
  await status.getByText('sunset.png uploaded.').waitFor();
  assert.match(await page.getByLabel('Image 1 URL').inputValue(), /^media:\/\/uploads\/[0-9a-f-]{36}\.png$/);
  const preview = page.getByRole('img', { name: 'Preview of image 1' });
  assert.match(await preview.getAttribute('src'), /^blob:/);
  await page.waitForFunction(() => document.querySelector('.upload-preview')?.naturalWidth === 4, null, { timeout: WAIT });
  await page.getByLabel('Image 1: what it shows (alt)').fill('An orange sunset over the river');
  const now = await page.evaluate(() => {
    const d = new Date();
    const pad = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  });
  await page.getByLabel('At a time').fill(now);
  await page.waitForFunction(() => !document.querySelector('button[type="submit"]')?.disabled);
  await shot(page, 'compose-upload');
  assert.deepEqual(await seriousViolations(page), []);
  await page.getByRole('button', { name: 'Queue post' }).click();
  await page.getByText(/Queued for/).waitFor();

  // The publisher read the file from the bucket and uploaded it to the sandbox's Mastodon with the alt text.
  await page.getByRole('link', { name: 'Calendar' }).click();
  const item = page.locator('li.post', { hasText: text });
  await item.locator('li[data-platform="mastodon"][data-status="PUBLISHED"] a').waitFor({ timeout: WAIT });
  const published = await fetch(await item.locator('li[data-platform="mastodon"] a').getAttribute('href'));
  assert.equal(published.status, 200);
  assert.match(await published.text(), new RegExp(`\\[image \\(uploaded image/png, ${picture.length} bytes\\): An orange sunset over the river\\]`));
});

test('a stale reschedule shows the conflict and overwrites nothing', async (t) => {
  const created = await api('POST', '/posts', { text: `Stale edit ${Date.now()}`, platforms: ['mastodon'], at: inMinutes(120) });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const page = await signedIn(t);
  const item = page.locator(`li.post[data-post="${created.body.id}"]`);
  await item.waitFor();
  await item.getByRole('button', { name: 'Reschedule' }).click();
  const other = await api('PATCH', `/posts/${created.body.id}`, { at: inMinutes(180), version: 1 });
  assert.equal(other.status, 200, JSON.stringify(other.body));
  await item.getByRole('button', { name: 'Save time' }).click();
  const conflict = item.locator('.conflict');
  await conflict.waitFor();
  assert.match(await conflict.innerText(), /version 2, yours 1/);
  await shot(page, 'calendar-conflict');
  const after = await api('GET', `/posts/${created.body.id}`);
  assert.equal(after.body.dueAt, other.body.dueAt, 'the other edit stands');
});

test('a queued post dragged onto another day moves there at the same time, with its version', async (t) => {
  const created = await api('POST', '/posts', { text: `Dragged ${Date.now()}`, platforms: ['mastodon'], at: inMinutes(3 * 24 * 60) });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const day = (ms) => new Date(ms).toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });
  const due = Date.parse(created.body.dueAt);
  const page = await signedIn(t);
  const item = page.locator(`li.post[data-post="${created.body.id}"]`);
  if (await page.locator(`.day[data-day="${day(due)}"]`).count() === 0) {
    await page.getByRole('button', { name: 'Next', exact: true }).click();
  }
  await item.waitFor();
  // The next day when it is in the same week, else the day before (still two days ahead).
  const later = await page.locator(`.day[data-day="${day(due + 86_400_000)}"]`).count() > 0;
  const moved = due + (later ? 86_400_000 : -86_400_000);
  // The drag as the browser fires it (dragstart, dragover, drop, dragend with one DataTransfer):
  // dispatched on the elements, so it does not depend on the pointer reaching a day cell that the
  // headless window may have scrolled out of view.
  const target = page.locator(`.day[data-day="${day(moved)}"]`);
  await target.waitFor();
  const dataTransfer = await page.evaluateHandle(() => new DataTransfer());
  await item.dispatchEvent('dragstart', { dataTransfer });
  await target.dispatchEvent('dragenter', { dataTransfer });
  await target.dispatchEvent('dragover', { dataTransfer });
  await target.dispatchEvent('drop', { dataTransfer });
  await item.dispatchEvent('dragend', { dataTransfer });
  await page.getByRole('status').getByText('Rescheduled').waitFor({ timeout: WAIT });
  await page.locator(`.day[data-day="${day(moved)}"] li.post[data-post="${created.body.id}"]`).waitFor({ timeout: WAIT });
  const after = await api('GET', `/posts/${created.body.id}`);
  assert.equal(Date.parse(after.body.dueAt), moved, 'the same time of day on the day it was dropped on');
  assert.equal(after.body.version, 2);
  await shot(page, 'calendar-dragged');
});

test('hostile text in a post renders as text, never as markup', async (t) => {
  const hostile = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">';
  const created = await api('POST', '/posts', { text: hostile, platforms: ['mastodon'], at: inMinutes(90) });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const page = await signedIn(t);
  const item = page.locator(`li.post[data-post="${created.body.id}"]`);
  await item.waitFor();
  assert.equal(await item.locator('.text').innerText(), hostile);
  assert.equal(await page.locator('#view img, #view script').count(), 0);
  assert.equal(await page.evaluate(() => globalThis.__xss), undefined);
  await shot(page, 'calendar-hostile-text');
});

test('a demo concern is in the inbox; an approved reply goes under that comment; hostile comments stay text', async (t) => {
  const page = await signedIn(t);
  const probe = await page.evaluate(async () => {
    const response = await fetch('/api/comments?state=NEW', { headers: { authorization: `Bearer ${sessionStorage.getItem('social-desk.token')}` } });
    return { status: response.status, body: await response.text() };
  });
  if (probe.status === 404 && probe.body.includes('route_not_found')) {
    t.skip('the comments API (GET /comments, POST /comments/{platform}/{id}/reply) is not in this build yet');
    return;
  }
  await page.getByRole('link', { name: 'Inbox' }).click();
  const concern = page.locator('li.comment', { hasText: 'charged twice' });
  await concern.waitFor({ timeout: WAIT });
  await shot(page, 'inbox');
  assert.deepEqual(await seriousViolations(page), []);
  // tests/browser sends a signed comment carrying markup: it shows as the very characters, and nothing runs.
  const hostile = page.locator('li.comment', { hasText: '<script>window.__xss = 3</script>' });
  await hostile.waitFor({ timeout: WAIT });
  assert.match(await hostile.locator('.comment-text').innerText(), /<img src=x onerror="window.__xss = 4">/);
  assert.match(await hostile.locator('.meta').innerText(), /<b>Mallory<\/b>/);
  const commentId = await concern.getAttribute('data-comment');
  const reply = await concern.getByLabel('Suggested calm reply').inputValue();
  assert.ok(reply.length > 0, 'a suggested calm reply');
  await concern.getByRole('button', { name: 'Approve and send' }).click();
  const answered = page.locator(`.answered li[data-comment="${commentId}"] a`);
  await answered.waitFor({ timeout: WAIT });
  assert.match(await answered.getAttribute('href'), /^https?:\/\//, 'the reply links to where it is');
  // The sandbox's Page shows each comment with the replies made under it: the reply is under this one, once.
  await sandboxShows(page, `section.comment[id="comment-${commentId}"] section.reply`,
    new RegExp(reply.slice(0, 40).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  // Abuse is hidden on the platform (never deleted), listed as hidden, and can be shown again.
  const troll = page.locator('li.comment', { hasText: 'You are all idiots' });
  const trollId = await troll.getAttribute('data-comment');
  await troll.getByRole('button', { name: 'Hide', exact: true }).click();
  const hidden = page.locator(`.hidden-comments li[data-comment="${trollId}"]`);
  await hidden.waitFor({ timeout: WAIT });
  await sandboxShows(page, `section.comment[id="comment-${trollId}"]`, /\(hidden\)/);
  await hidden.getByRole('button', { name: 'Show again' }).click();
  await page.locator(`li.comment[data-comment="${trollId}"]`).waitFor({ timeout: WAIT });
  assert.equal(await page.locator('#view img, #view script').count(), 0);
  assert.equal(await page.evaluate(() => globalThis.__xss), undefined);
  await shot(page, 'inbox-answered');
});

test('the engagement view charts the demo comments per day, category and hour, with the figures the API answers', async (t) => {
  const page = await signedIn(t);
  await page.getByRole('link', { name: 'Engagement' }).click();
  // The demo's comments reach the desk through the sandbox's webhooks once its posts are out; the view refreshes.
  const facebookComments = '[data-testid="per-platform"] tr[data-platform="facebook"] td';
  await page.waitForFunction((cell) => Number(document.querySelector(cell)?.textContent ?? 0) > 0, facebookComments, { timeout: WAIT });
  await page.getByTestId('categories').locator('.legend li', { hasText: 'Concern' }).waitFor({ timeout: WAIT });
  await page.getByTestId('busiest-hours').getByText(/Most engagement comes at \d\d:00/).waitFor({ timeout: WAIT });
  // The table shows what GET /engagement answers for the same range (14 days back), summed per platform.
  const shown = Number(await page.locator(facebookComments).first().innerText());
  const answered = await page.evaluate(async () => {
    const to = new Date();
    const from = new Date(to.getTime() - 14 * 86_400_000);
    const response = await fetch(`/api/engagement?from=${from.toISOString()}&to=${to.toISOString()}`,
      { headers: { authorization: `Bearer ${sessionStorage.getItem('social-desk.token')}` } });
    const body = await response.json();
    return body.posts.reduce((sum, p) => sum + (p.totals.facebook ? p.totals.facebook.comments + p.totals.facebook.replies + p.totals.facebook.mentions : 0), 0);
  });
  assert.ok(answered >= shown && shown > 0, `the view shows ${shown} facebook comments, the API ${answered}`);
  assert.equal(await page.locator('[data-testid="per-day"] svg rect').count() > 0, true, 'bars are drawn');
  assert.equal(await page.locator('#view img, #view script').count(), 0);
  await shot(page, 'engagement');
  assert.deepEqual(await seriousViolations(page), []);
  await page.getByLabel('Language').selectOption('vi');
  await page.getByRole('link', { name: 'Tương tác' }).click();
  await page.getByTestId('categories').locator('.legend li', { hasText: 'Phàn nàn' }).waitFor({ timeout: WAIT });
  await shot(page, 'engagement-vietnamese');
});

test('the posting slots show on the calendar, with the next free one', async (t) => {
  const everyDay = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];
  const put = await fetch(`${POSTS_API_URL}/cadence/bluesky`, {
    method: 'PUT', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ timezone: 'Asia/Ho_Chi_Minh', slots: [{ days: everyDay, times: ['23:45'] }], runwayTargetDays: 3 }),
  });
  assert.equal(put.status, 200, await put.text());
  const page = await signedIn(t);
  await page.getByLabel('Platform').selectOption('bluesky');
  await page.getByTestId('next-slot').getByText(/Next free slot: .*11:45 PM \(bluesky\)/).waitFor();
  // Late on a Sunday the next slot is in the next week.
  if (await page.locator('.slot', { hasText: 'bluesky' }).count() === 0) {
    await page.getByRole('button', { name: 'Next', exact: true }).click();
  }
  await page.locator('.slot', { hasText: 'bluesky' }).first().waitFor();
  await shot(page, 'calendar-slots');
});

test('the queue health view and the Vietnamese strings', async (t) => {
  const page = await signedIn(t);
  await page.getByRole('link', { name: 'Queue health' }).click();
  await page.getByTestId('runway').locator('li').first().waitFor();
  const accounts = page.getByTestId('accounts');
  await accounts.locator('li[data-platform="mastodon"]').waitFor();
  for (const platform of ['mastodon', 'facebook', 'telegram']) {
    assert.equal(await accounts.locator(`li[data-platform="${platform}"]`).getAttribute('data-state'), 'ok', platform);
  }
  for (const platform of ['bluesky', 'x', 'linkedin', 'instagram', 'threads', 'discord', 'slack']) {
    assert.match(await accounts.locator(`li[data-platform="${platform}"]`).textContent(), /not configured/, platform);
  }
  assert.doesNotMatch(await accounts.textContent(), /sandbox-bot-token/, 'no secret value in the view');
  const evergreen = `Evergreen opening hours ${Date.now()}`;
  const created = await api('POST', '/posts', { text: evergreen, platforms: ['telegram'], at: inMinutes(20 * 24 * 60), evergreen: true });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  await page.getByRole('link', { name: 'Calendar' }).click();
  await page.getByRole('link', { name: 'Queue health' }).click();
  const rotation = page.getByTestId('evergreen').locator('section[data-platform="telegram"] li');
  await rotation.filter({ hasText: evergreen }).waitFor();
  const ids = await rotation.evaluateAll((items) => items.map((li) => li.getAttribute('data-post')));
  assert.equal(ids[ids.length - 1], created.body.id, 'the newest evergreen post is repeated last');
  await shot(page, 'queue-health');
  assert.deepEqual(await seriousViolations(page), []);
  await page.getByLabel('Language').selectOption('vi');
  await page.getByRole('link', { name: 'Lịch' }).click();
  await page.getByRole('heading', { name: /^Lịch:/ }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'vi');
  await shot(page, 'calendar-vietnamese');
  await page.getByRole('link', { name: 'Tình trạng hàng đợi' }).click();
  await page.getByTestId('accounts').locator('li[data-platform="x"]', { hasText: 'chưa cấu hình' }).waitFor();
});
