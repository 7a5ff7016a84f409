// The engagement answer (GET /engagement) folded into what the charts draw. The server answers per
// UTC hour, post and platform; days and hours of the day are the browser's own, so they are made here.
import { dayKey } from './calendar-logic';

export interface Counts { comments: number; replies: number; mentions: number; reactions: number; shares: number }

export interface HourBucket extends Counts {
  hour: string;
  postId: string;
  platform: string;
  categories: Record<string, number>;
}

export interface EngagementPost {
  id: string;
  text: string;
  dueAt: string;
  status: string;
  totals: Record<string, Counts>;
}

export interface Engagement {
  from: string;
  to: string;
  posts: EngagementPost[];
  hours: HourBucket[];
  complete: boolean;
}

/** What the charts call comments, likes and shares: written replies and mentions count as comments. */
export interface Figures { comments: number; likes: number; shares: number }

export const figures = (c: Counts): Figures => ({ comments: c.comments + c.replies + c.mentions, likes: c.reactions, shares: c.shares });

const total = (f: Figures): number => f.comments + f.likes + f.shares;

export interface Selection { postId?: string | null; platform?: string | null }

const selected = (b: HourBucket, s: Selection): boolean =>
  (!s.postId || b.postId === s.postId) && (!s.platform || b.platform === s.platform);

/** Every local day from the range's first to its last, so days without engagement show as empty. */
export function daysOf(from: string, to: string): string[] {
  const days: string[] = [];
  const end = new Date(to);
  for (let d = new Date(from); d <= end && days.length < 400; d = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1)) {
    days.push(dayKey(d));
  }
  return days;
}

/** Comments, likes and shares per local day of the range, for the chosen post and platform. */
export function perDay(e: Engagement, s: Selection): Map<string, Figures> {
  const out = new Map<string, Figures>(daysOf(e.from, e.to).map((d) => [d, { comments: 0, likes: 0, shares: 0 }]));
  for (const b of e.hours) {
    if (!selected(b, s)) continue;
    const day = dayKey(new Date(b.hour));
    const f = figures(b);
    const sum = out.get(day) ?? { comments: 0, likes: 0, shares: 0 };
    out.set(day, { comments: sum.comments + f.comments, likes: sum.likes + f.likes, shares: sum.shares + f.shares });
  }
  return out;
}

/** The categories the comments of the selection have, most frequent first. */
export function categoriesOf(e: Engagement, s: Selection): string[] {
  const counts = new Map<string, number>();
  for (const b of e.hours) {
    if (!selected(b, s)) continue;
    for (const [c, n] of Object.entries(b.categories)) counts.set(c, (counts.get(c) ?? 0) + n);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([c]) => c);
}

/** Comments per category per local day. */
export function categoriesPerDay(e: Engagement, s: Selection): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>(daysOf(e.from, e.to).map((d) => [d, {}]));
  for (const b of e.hours) {
    if (!selected(b, s)) continue;
    const day = dayKey(new Date(b.hour));
    const row = out.get(day) ?? {};
    for (const [c, n] of Object.entries(b.categories)) row[c] = (row[c] ?? 0) + n;
    out.set(day, row);
  }
  return out;
}

/**
 * All engagement (comments, likes, shares) by the local hour of the day it came in, 0 to 23. The
 * hour is the browser's: a server hour bucket maps onto one local hour in every whole-hour zone.
 */
export function perHourOfDay(e: Engagement, s: Selection): number[] {
  const hours = new Array<number>(24).fill(0);
  for (const b of e.hours) {
    if (selected(b, s)) hours[new Date(b.hour).getHours()] += total(figures(b));
  }
  return hours;
}

/** The hours that draw most engagement, busiest first (ties: earlier hour first), none when there is none. */
export function busiestHours(hours: number[], count = 3): number[] {
  return hours.map((n, hour) => ({ n, hour })).filter((x) => x.n > 0)
    .sort((a, b) => b.n - a.n || a.hour - b.hour).slice(0, count).map((x) => x.hour);
}

export interface PostRow { post: EngagementPost; platform: string; figures: Figures }

/** One row per post and platform, most engagement first; a platform filter keeps its rows only. */
export function postRows(e: Engagement, platform?: string | null): PostRow[] {
  return e.posts.flatMap((post) => Object.entries(post.totals)
    .filter(([p]) => !platform || p === platform)
    .map(([p, c]) => ({ post, platform: p, figures: figures(c) })))
    .sort((a, b) => total(b.figures) - total(a.figures) || a.post.dueAt.localeCompare(b.post.dueAt) || a.platform.localeCompare(b.platform));
}

/** Totals per platform over every post of the range. */
export function perPlatform(e: Engagement): Map<string, Figures> {
  const out = new Map<string, Figures>();
  for (const post of e.posts) {
    for (const [p, c] of Object.entries(post.totals)) {
      const f = figures(c);
      const sum = out.get(p) ?? { comments: 0, likes: 0, shares: 0 };
      out.set(p, { comments: sum.comments + f.comments, likes: sum.likes + f.likes, shares: sum.shares + f.shares });
    }
  }
  return out;
}

/** A scale's top: the smallest of 1, 2, 5 times a power of ten at or above the largest value (at least 1). */
export function niceMax(value: number): number {
  if (value <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) {
    if (step * power >= value) return step * power;
  }
  return 10 * power;
}
