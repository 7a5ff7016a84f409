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

/** One platform's account as `GET /accounts` answers it: presence and expiry of its credentials, never their values. */
export interface Account {
  platform: string;
  configured: boolean;
  expiresAt: string | null;
  credentialsProblem?: string;
  health: 'ok' | 'blocked';
  reason?: string;
  blockedSince?: string;
  nextProbeAt?: string;
  evergreen: { originalId: string; latestPostId: string; lastAt: string | null }[];
  evergreenComplete: boolean;
}

export type AccountState = 'notConfigured' | 'unreadable' | 'blocked' | 'expired' | 'expiring' | 'ok';

/** Tokens expiring within this many days are flagged: the publisher's CredentialsExpiring warning comes as early (PublishSettings). */
export const EXPIRY_WARNING_DAYS = 7;

/** What a person must know first about an account, worst first, and the whole days its token has left (null when it does not expire). */
export function accountState(account: Account, now: number): { state: AccountState; daysLeft: number | null } {
  const daysLeft = account.expiresAt === null ? null : Math.floor((Date.parse(account.expiresAt) - now) / 86_400_000);
  if (!account.configured) return { state: 'notConfigured', daysLeft };
  if (account.credentialsProblem) return { state: 'unreadable', daysLeft };
  if (account.health === 'blocked') return { state: 'blocked', daysLeft };
  if (daysLeft !== null && Date.parse(account.expiresAt as string) <= now) return { state: 'expired', daysLeft };
  if (daysLeft !== null && daysLeft < EXPIRY_WARNING_DAYS) return { state: 'expiring', daysLeft };
  return { state: 'ok', daysLeft };
}
