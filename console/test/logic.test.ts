import { describe, expect, it } from 'vitest';
import { daysShown, dayKey, fromLocalInput, imagesOf, move, movedToDay, platformStatus, postsByDay, toLocalInput } from '../src/calendar-logic';
import { duration, inboxOrder, quantile, readComment, responseTimes } from '../src/inbox-logic';
import { accountState, runwayDays, type Account } from '../src/queue-logic';
import { initialLanguage, KEYS, setLanguage, t, VIETNAMESE_KEYS } from '../src/i18n';
import type { Post } from '../src/api';

const post = (id: string, dueAt: string, platforms: string[], status = 'QUEUED'): Post =>
  ({ id, text: id, link: null, platforms, dueAt, status, version: 1, evergreen: false });

describe('calendar', () => {
  it('shows a week from Monday to Sunday', () => {
    const days = daysShown('week', new Date(2026, 11, 6)); // Sunday 6 December 2026
    expect(days.map(dayKey)).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06']);
  });

  it('shows whole weeks covering the month', () => {
    const days = daysShown('month', new Date(2026, 1, 14)); // February 2026 starts on a Sunday
    expect(dayKey(days[0])).toBe('2026-01-26');
    expect(dayKey(days[days.length - 1])).toBe('2026-03-01');
    expect(days.length % 7).toBe(0);
  });

  it('moves a dragged post to the day it is dropped on, at the same local time', () => {
    const due = new Date(2026, 11, 7, 9, 30).toISOString();
    expect(movedToDay(due, '2026-12-10')).toBe(new Date(2026, 11, 10, 9, 30).toISOString());
    expect(movedToDay(due, '2027-01-02')).toBe(new Date(2027, 0, 2, 9, 30).toISOString());
  });

  it('sends the image rows typed in, trimmed, and drops the empty ones', () => {
    expect(imagesOf([{ url: ' https://cdn.example.com/a.jpg ', alt: 'A bowl of pho ' }, { url: '', alt: '' },
      { url: 'https://cdn.example.com/b.jpg', alt: '' }, { url: '  ', alt: ' ' }]))
      .toEqual([{ url: 'https://cdn.example.com/a.jpg', alt: 'A bowl of pho' }, { url: 'https://cdn.example.com/b.jpg', alt: '' }]);
  });

  it('moves by a week or to the first of the next month', () => {
    expect(dayKey(move('week', new Date(2026, 11, 30), 1))).toBe('2027-01-06');
    expect(dayKey(move('month', new Date(2026, 0, 31), 1))).toBe('2026-02-01');
  });

  it('puts posts on their local day in time order, filtered by platform', () => {
    const late = new Date(2026, 11, 1, 18, 0).toISOString();
    const early = new Date(2026, 11, 1, 9, 0).toISOString();
    const days = postsByDay([post('b', late, ['mastodon']), post('a', early, ['bluesky', 'mastodon']), post('c', early, ['x'])], 'mastodon');
    expect(days.get('2026-12-01')?.map((p) => p.id)).toEqual(['a', 'b']);
  });

  it('shows the delivery status of a platform, UNCERTAIN included, and the post status while pending', () => {
    const published = { ...post('p', '2026-12-01T02:00:00Z', ['mastodon', 'x'], 'PARTIALLY_PUBLISHED'),
      deliveries: [{ platform: 'mastodon', status: 'PUBLISHED', attempts: 1, url: 'https://m/1', lastError: null },
        { platform: 'x', status: 'UNCERTAIN', attempts: 1, url: null, lastError: 'timeout' }] };
    expect(platformStatus(published, 'mastodon')).toBe('PUBLISHED');
    expect(platformStatus(published, 'x')).toBe('UNCERTAIN');
    expect(platformStatus(post('q', '2026-12-01T02:00:00Z', ['x']), 'x')).toBe('QUEUED');
  });

  it('turns a datetime-local value into a time with the offset and back', () => {
    const iso = fromLocalInput('2026-12-01T09:30');
    expect(iso).toMatch(/^2026-12-01T09:30:00[+-]\d\d:\d\d$/);
    expect(toLocalInput(new Date(iso).toISOString())).toBe('2026-12-01T09:30');
  });
});

describe('inbox', () => {
  const comment = (id: string, severity: string, receivedAt: string, extra: Record<string, unknown> = {}) =>
    readComment({ platform: 'facebook', commentId: id, severity, writtenAt: receivedAt, text: id, ...extra });

  it('orders by severity, then the longest waiting first', () => {
    const ordered = inboxOrder([comment('low', 'low', '2026-12-01T00:00:00Z'), comment('high-new', 'high', '2026-12-02T00:00:00Z'),
      comment('high-old', 'high', '2026-12-01T00:00:00Z'), comment('medium', 'medium', '2026-11-01T00:00:00Z')]);
    expect(ordered.map((c) => c.commentId)).toEqual(['high-old', 'high-new', 'medium', 'low']);
  });

  it('measures median, 90th percentile and the oldest waiting', () => {
    const answered = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((m) => comment(`a${m}`, 'MEDIUM', '2026-12-01T00:00:00Z',
      { state: 'ANSWERED', stateAt: new Date(Date.parse('2026-12-01T00:00:00Z') + m * 60_000).toISOString() }));
    const open = comment('open', 'HIGH', '2026-12-01T00:00:00Z');
    const figures = responseTimes([...answered, open], Date.parse('2026-12-01T03:00:00Z'));
    expect(figures).toEqual({ median: 5 * 60_000, p90: 9 * 60_000, oldest: 3 * 3_600_000 });
    expect(quantile([], 0.5)).toBeNull();
  });

  it('writes waits as a person reads them', () => {
    expect([45_000, 12 * 60_000, 200 * 60_000, 52 * 3_600_000, null].map(duration)).toEqual(['45 s', '12 min', '3 h 20 min', '2 d 4 h', '–']);
  });

  it('reads an answered comment as the comments API gives it', () => {
    const c = readComment({ platform: 'facebook', commentId: '1', state: 'ANSWERED', replyUrl: 'https://facebook.com/r/1',
      stateAt: '2026-12-01T00:00:00Z', category: 'CONCERN', severity: 'medium', writtenAt: '2026-11-30T00:00:00Z' });
    expect(c.replyUrl).toBe('https://facebook.com/r/1');
    expect(c.answeredAt).toBe('2026-12-01T00:00:00Z');
    expect(c.receivedAt).toBe('2026-11-30T00:00:00Z');
    expect(c.categories).toEqual(['CONCERN']);
  });
});

describe('queue health', () => {
  it('gives each platform the days until its last queued post, most urgent first', () => {
    const now = Date.parse('2026-12-01T00:00:00Z');
    const runway = runwayDays([post('a', '2026-12-04T00:00:00Z', ['mastodon', 'x']), post('b', '2026-12-11T00:00:00Z', ['mastodon']),
      post('c', '2026-12-20T00:00:00Z', ['x'], 'CANCELLED')], now);
    expect([...runway.entries()]).toEqual([['x', 3], ['mastodon', 10]]);
  });
});

describe('strings', () => {
  it('has every string in Vietnamese too', () => {
    expect(KEYS.filter((k) => !VIETNAMESE_KEYS.includes(k))).toEqual([]);
  });

  it('fills placeholders in the chosen language', () => {
    setLanguage('vi');
    expect(t('queue.days', { days: 3 })).toBe('còn 3 ngày');
    setLanguage('en');
    expect(t('queue.days', { days: 3 })).toBe('3 days queued');
  });

  it('starts in the language chosen before, else Vietnamese for a Vietnamese browser', () => {
    expect(initialLanguage('en', ['vi-VN'])).toBe('en');
    expect(initialLanguage(null, ['vi-VN', 'en'])).toBe('vi');
    expect(initialLanguage(null, ['de-DE'])).toBe('en');
  });
});

describe('platform accounts', () => {
  const now = Date.parse('2026-12-06T12:00:00Z');
  const account = (fields: Partial<Account>): Account =>
    ({ platform: 'linkedin', configured: true, expiresAt: null, health: 'ok', evergreen: [], evergreenComplete: true, ...fields });

  it('puts the worst first: not configured, unreadable, blocked, expired, expiring, working', () => {
    expect(accountState(account({ configured: false }), now).state).toBe('notConfigured');
    expect(accountState(account({ credentialsProblem: 'not JSON', health: 'blocked' }), now).state).toBe('unreadable');
    expect(accountState(account({ health: 'blocked', expiresAt: '2026-12-01T00:00:00Z' }), now).state).toBe('blocked');
    expect(accountState(account({ expiresAt: '2026-12-06T11:59:00Z' }), now).state).toBe('expired');
    expect(accountState(account({ expiresAt: '2026-12-12T12:00:00Z' }), now)).toEqual({ state: 'expiring', daysLeft: 6 });
    expect(accountState(account({ expiresAt: '2026-12-13T12:00:00Z' }), now)).toEqual({ state: 'ok', daysLeft: 7 });
    expect(accountState(account({}), now)).toEqual({ state: 'ok', daysLeft: null });
  });
});
