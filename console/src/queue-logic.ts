import type { Post } from './api';

/** Days of queued posts left per platform: from now to its last queued post (0 when none), most urgent first. */
export function runwayDays(posts: Post[], now: number): Map<string, number> {
  const last = new Map<string, number>();
  for (const post of posts) {
    if (post.status !== 'QUEUED') continue;
    for (const platform of post.platforms) {
      last.set(platform, Math.max(last.get(platform) ?? now, Date.parse(post.dueAt)));
    }
  }
  const days = [...last.entries()].map(([platform, at]) => [platform, Math.max(0, (at - now) / 86_400_000)] as const);
  return new Map(days.sort((a, b) => a[1] - b[1]));
}
