import { describe, expect, it } from 'vitest';
import {
  busiestHours, categoriesOf, categoriesPerDay, daysOf, figures, niceMax, perDay, perHourOfDay, perPlatform, postRows,
  type Counts, type Engagement, type HourBucket,
} from '../src/engagement-logic';

const zero: Counts = { comments: 0, replies: 0, mentions: 0, reactions: 0, shares: 0 };
const local = (day: number, hour: number) => new Date(2026, 11, day, hour, 0).toISOString();
const bucket = (at: string, postId: string, platform: string, counts: Partial<Counts>, categories: Record<string, number> = {}): HourBucket =>
  ({ hour: at, postId, platform, ...zero, ...counts, categories });

const answer: Engagement = {
  from: local(1, 0),
  to: local(3, 23),
  complete: true,
  posts: [
    { id: 'p1', text: 'Winter menu', dueAt: local(1, 9), status: 'PUBLISHED',
      totals: { mastodon: { ...zero, comments: 2, reactions: 3 }, facebook: { ...zero, comments: 1, replies: 1, shares: 4 } } },
    { id: 'p2', text: 'Opening hours', dueAt: local(2, 9), status: 'PUBLISHED', totals: { mastodon: { ...zero, reactions: 1 } } },
  ],
  hours: [
    bucket(local(1, 9), 'p1', 'mastodon', { comments: 2, reactions: 3 }, { PRAISE: 1, CONCERN: 1 }),
    bucket(local(1, 20), 'p1', 'facebook', { comments: 1, replies: 1, shares: 4 }, { CONCERN: 2 }),
    bucket(local(3, 9), 'p2', 'mastodon', { reactions: 1 }),
  ],
};

describe('engagement', () => {
  it('counts replies and mentions as comments and reactions as likes', () => {
    expect(figures({ comments: 1, replies: 2, mentions: 3, reactions: 4, shares: 5 })).toEqual({ comments: 6, likes: 4, shares: 5 });
  });

  it('lists every local day of the range, with or without engagement', () => {
    expect(daysOf(answer.from, answer.to)).toEqual(['2026-12-01', '2026-12-02', '2026-12-03']);
  });

  it('sums comments, likes and shares per local day, for a post and a platform', () => {
    expect([...perDay(answer, {}).entries()]).toEqual([
      ['2026-12-01', { comments: 4, likes: 3, shares: 4 }], ['2026-12-02', { comments: 0, likes: 0, shares: 0 }],
      ['2026-12-03', { comments: 0, likes: 1, shares: 0 }]]);
    expect(perDay(answer, { platform: 'facebook' }).get('2026-12-01')).toEqual({ comments: 2, likes: 0, shares: 4 });
    expect(perDay(answer, { postId: 'p2' }).get('2026-12-01')).toEqual({ comments: 0, likes: 0, shares: 0 });
  });

  it('gives the categories most frequent first and per day', () => {
    expect(categoriesOf(answer, {})).toEqual(['CONCERN', 'PRAISE']);
    expect(categoriesPerDay(answer, {}).get('2026-12-01')).toEqual({ PRAISE: 1, CONCERN: 3 });
    expect(categoriesOf(answer, { platform: 'facebook' })).toEqual(['CONCERN']);
  });

  it('finds the hours of the day that draw most engagement, in the browser zone', () => {
    const hours = perHourOfDay(answer, {});
    expect(hours[9]).toBe(6);
    expect(hours[20]).toBe(6);
    expect(hours.reduce((a, b) => a + b, 0)).toBe(12);
    expect(busiestHours(hours)).toEqual([9, 20]);
    expect(busiestHours(new Array(24).fill(0))).toEqual([]);
  });

  it('ranks posts per platform by engagement and totals each platform', () => {
    expect(postRows(answer).map((r) => `${r.post.id} ${r.platform}`)).toEqual(['p1 facebook', 'p1 mastodon', 'p2 mastodon']);
    expect(postRows(answer, 'mastodon').map((r) => r.post.id)).toEqual(['p1', 'p2']);
    expect(perPlatform(answer).get('mastodon')).toEqual({ comments: 2, likes: 4, shares: 0 });
  });

  it('rounds a scale up to 1, 2 or 5 times a power of ten', () => {
    expect([0, 1, 3, 7, 10, 11, 180, 501].map(niceMax)).toEqual([1, 1, 5, 10, 10, 20, 200, 1000]);
  });
});
