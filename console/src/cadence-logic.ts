// Posting slots as the calendar shows them: a platform's cadence (GET /cadence/{platform}) turned
// into the instants of its slots on the days shown, each free or taken by a queued post.

import type { Post } from './api';

export interface Cadence {
  platform: string;
  timezone: string;
  slots: { days: string[]; times: string[] }[];
  runwayTargetDays?: number;
}

export interface Slot {
  at: Date;
  platforms: string[];
  taken: string[];
}

/** How far {@code zone}'s wall clock is ahead of UTC at {@code instant}, in ms. */
function offset(zone: string, instant: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - Math.floor(instant / 1000) * 1000;
}

/** The instant a wall-clock time on a date is in {@code zone} (the later reading when a clock change repeats it). */
export function zonedInstant(year: number, month: number, day: number, time: string, zone: string): Date {
  const [hour, minute] = time.split(':').map(Number);
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const first = wall - offset(zone, wall);
  return new Date(wall - offset(zone, first));
}

/** The weekday (MON…) and date of {@code instant} in {@code zone}. */
function zonedDate(instant: Date, zone: string): { year: number; month: number; day: number; weekday: string } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: 'numeric', day: 'numeric', weekday: 'short' })
    .formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { year: Number(get('year')), month: Number(get('month')), day: Number(get('day')), weekday: get('weekday').toUpperCase().slice(0, 3) };
}

/**
 * Every slot from {@code from} to {@code to}, merged across platforms at the same instant, each
 * platform marked taken when a queued or published post for it is due then.
 */
export function slotsBetween(cadences: Cadence[], posts: Post[], from: Date, to: Date): Slot[] {
  const byInstant = new Map<number, Slot>();
  for (const cadence of cadences) {
    for (let t = from.getTime() - 86_400_000; t <= to.getTime() + 86_400_000; t += 86_400_000) {
      const date = zonedDate(new Date(t), cadence.timezone);
      for (const rule of cadence.slots) {
        if (!rule.days.includes(date.weekday)) continue;
        for (const time of rule.times) {
          const at = zonedInstant(date.year, date.month, date.day, time, cadence.timezone);
          if (at < from || at >= to) continue;
          const slot = byInstant.get(at.getTime()) ?? { at, platforms: [], taken: [] };
          if (!slot.platforms.includes(cadence.platform)) slot.platforms.push(cadence.platform);
          byInstant.set(at.getTime(), slot);
        }
      }
    }
  }
  for (const slot of byInstant.values()) {
    slot.taken = slot.platforms.filter((platform) => posts.some((p) => p.platforms.includes(platform)
      && p.status !== 'CANCELLED' && Date.parse(p.dueAt) === slot.at.getTime()));
  }
  return [...byInstant.values()].sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** The first slot after {@code now} with a platform still free, or null. */
export function nextFreeSlot(slots: Slot[], now: Date): { at: Date; platforms: string[] } | null {
  for (const slot of slots) {
    if (slot.at <= now) continue;
    const free = slot.platforms.filter((p) => !slot.taken.includes(p));
    if (free.length) return { at: slot.at, platforms: free };
  }
  return null;
}
