import { describe, expect, it } from 'vitest';
import { nextFreeSlot, slotsBetween, zonedInstant, type Cadence } from '../src/cadence-logic';
import type { Post } from '../src/api';

const hcm: Cadence = { platform: 'mastodon', timezone: 'Asia/Ho_Chi_Minh', slots: [{ days: ['MON', 'TUE', 'WED', 'THU', 'FRI'], times: ['09:00', '13:30'] }] };
const bangkok: Cadence = { platform: 'facebook', timezone: 'Asia/Bangkok', slots: [{ days: ['MON'], times: ['09:00'] }] };
const post = (dueAt: string, platforms: string[], status = 'QUEUED'): Post =>
  ({ id: dueAt, text: '', link: null, platforms, dueAt, status, version: 1, evergreen: false });

describe('posting slots', () => {
  it('reads a wall-clock time in the cadence’s zone, across a clock change', () => {
    expect(zonedInstant(2026, 12, 7, '09:00', 'Asia/Ho_Chi_Minh').toISOString()).toBe('2026-12-07T02:00:00.000Z');
    expect(zonedInstant(2026, 3, 8, '09:00', 'America/New_York').toISOString()).toBe('2026-03-08T13:00:00.000Z');
    expect(zonedInstant(2026, 3, 7, '09:00', 'America/New_York').toISOString()).toBe('2026-03-07T14:00:00.000Z');
  });

  it('lists the slots of the days shown, merged across platforms, taken where a post is due', () => {
    const from = new Date('2026-12-06T17:00:00Z'); // Monday 7 December, 00:00 in Ho Chi Minh City
    const to = new Date('2026-12-08T17:00:00Z');
    const slots = slotsBetween([hcm, bangkok], [post('2026-12-07T02:00:00Z', ['mastodon']), post('2026-12-07T06:30:00Z', ['mastodon'], 'CANCELLED')], from, to);
    expect(slots.map((s) => [s.at.toISOString(), s.platforms, s.taken])).toEqual([
      ['2026-12-07T02:00:00.000Z', ['mastodon', 'facebook'], ['mastodon']],
      ['2026-12-07T06:30:00.000Z', ['mastodon'], []],
      ['2026-12-08T02:00:00.000Z', ['mastodon'], []],
      ['2026-12-08T06:30:00.000Z', ['mastodon'], []],
    ]);
    expect(nextFreeSlot(slots, new Date('2026-12-07T00:00:00Z'))).toEqual({ at: new Date('2026-12-07T02:00:00Z'), platforms: ['facebook'] });
    expect(nextFreeSlot(slots, new Date('2026-12-09T00:00:00Z'))).toBeNull();
  });
});
