// The calendar's arithmetic, apart from the DOM: which days a week or month shows, which posts fall
// on which day (in the browser's time zone), and the status a post shows.

import type { Post } from './api';

export type Span = 'week' | 'month';

/** yyyy-mm-dd of a date in local time. */
export function dayKey(date: Date): string {
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${m}-${d}`;
}

function startOfDay(date: Date): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate());
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
}

/** Monday of the week holding {@code date}. */
export function mondayOf(date: Date): Date {
  const day = startOfDay(date);
  return addDays(day, -((day.getDay() + 6) % 7));
}

/** The days shown: Monday to Sunday for a week; whole weeks covering the month for a month. */
export function daysShown(span: Span, anchor: Date): Date[] {
  let first: Date;
  let count: number;
  if (span === 'week') {
    first = mondayOf(anchor);
    count = 7;
  } else {
    const firstOfMonth = new Date(anchor.getFullYear(), anchor.getMonth(), 1);
    const lastOfMonth = new Date(anchor.getFullYear(), anchor.getMonth() + 1, 0);
    first = mondayOf(firstOfMonth);
    const lastShown = addDays(mondayOf(lastOfMonth), 6);
    count = Math.round((lastShown.getTime() - first.getTime()) / 86_400_000) + 1;
  }
  return Array.from({ length: count }, (_, i) => addDays(first, i));
}

/** The anchor one week or month before (-1) or after (+1). */
export function move(span: Span, anchor: Date, step: -1 | 1): Date {
  return span === 'week' ? addDays(anchor, 7 * step) : new Date(anchor.getFullYear(), anchor.getMonth() + step, 1);
}

/** Posts per local day, each day's in time order; only posts on {@code platform} when one is given. */
export function postsByDay(posts: Post[], platform: string | null): Map<string, Post[]> {
  const days = new Map<string, Post[]>();
  for (const post of posts) {
    if (platform && !post.platforms.includes(platform)) continue;
    const key = dayKey(new Date(post.dueAt));
    const list = days.get(key) ?? [];
    list.push(post);
    days.set(key, list);
  }
  for (const list of days.values()) list.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  return days;
}

/** The status a post shows on one platform: its delivery's when it has one that says more than the post. */
export function platformStatus(post: Post, platform: string): string {
  const delivery = post.deliveries?.find((d) => d.platform === platform);
  if (!delivery || delivery.status === 'PENDING') return post.status;
  return delivery.status;
}

/** The value of a datetime-local input for an instant, in local time (minutes). */
export function toLocalInput(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A datetime-local value as an ISO-8601 time with the browser's offset, which the API requires. */
export function fromLocalInput(value: string): string {
  const date = new Date(value);
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const pad = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  return `${value.length === 16 ? value + ':00' : value}${sign}${pad(offset / 60)}:${pad(offset % 60)}`;
}

/** A due time dragged onto another local day: the same local time of day on that day. */
export function movedToDay(dueAt: string, day: string): string {
  const at = new Date(dueAt);
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year, month - 1, date, at.getHours(), at.getMinutes(), at.getSeconds()).toISOString();
}

/**
 * The composer's image rows as the API takes them: rows left empty are dropped, any other row is
 * sent as typed (trimmed), so the server names what is wrong with it (a missing alt text, a bad URL).
 */
export function imagesOf(rows: { url: string; alt: string }[]): { url: string; alt: string }[] {
  return rows.map((r) => ({ url: r.url.trim(), alt: r.alt.trim() })).filter((r) => r.url !== '' || r.alt !== '');
}
