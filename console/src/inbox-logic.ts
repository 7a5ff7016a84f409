// The inbox's ordering and figures, apart from the DOM.

export interface FlaggedComment {
  platform: string;
  commentId: string;
  postId: string | null;
  author: string;
  text: string;
  permalink: string | null;
  severity: string;
  categories: string[];
  reasons: string[];
  suggestedReply: string | null;
  receivedAt: string;
  state: string;
  answeredAt: string | null;
  replyUrl: string | null;
}

const SEVERITY_ORDER: Record<string, number> = { HIGH: 0, MEDIUM: 1, LOW: 2 };

/** Most severe first; within a severity, the one waiting longest first. */
export function inboxOrder(comments: FlaggedComment[]): FlaggedComment[] {
  return [...comments].sort((a, b) => {
    const bySeverity = (SEVERITY_ORDER[a.severity.toUpperCase()] ?? 3) - (SEVERITY_ORDER[b.severity.toUpperCase()] ?? 3);
    return bySeverity !== 0 ? bySeverity : Date.parse(a.receivedAt) - Date.parse(b.receivedAt);
  });
}

/** The value at quantile q (0..1) of sorted numbers, by the nearest-rank method; null when there are none. */
export function quantile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1];
}

/** Median and 90th percentile of answered comments' waits, and the oldest open one's wait, in ms. */
export function responseTimes(comments: FlaggedComment[], now: number): { median: number | null; p90: number | null; oldest: number | null } {
  const waits = comments
    .filter((c) => c.answeredAt)
    .map((c) => Date.parse(c.answeredAt as string) - Date.parse(c.receivedAt))
    .sort((a, b) => a - b);
  const open = comments.filter((c) => c.state === 'NEW').map((c) => now - Date.parse(c.receivedAt));
  return { median: quantile(waits, 0.5), p90: quantile(waits, 0.9), oldest: open.length ? Math.max(...open) : null };
}

/** A wait as a person reads it: 45 s, 12 min, 3 h 20 min, 2 d 4 h. */
export function duration(ms: number | null): string {
  if (ms === null) return '–';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const hours = Math.floor(m / 60);
  if (hours < 24) return m % 60 ? `${hours} h ${m % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

/**
 * A comment as GET /comments answers it (posts-api's CommentRoutes): category, severity (high,
 * medium, low), writtenAt, state with stateAt, replyUrl once ANSWERED; reasons when the API gives them.
 */
export function readComment(raw: Record<string, unknown>): FlaggedComment {
  const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
  const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const state = text(raw.state) ?? 'NEW';
  const category = text(raw.category);
  return {
    platform: text(raw.platform) ?? '',
    commentId: text(raw.commentId) ?? '',
    postId: text(raw.postId),
    author: text(raw.author) ?? '',
    text: text(raw.text) ?? '',
    permalink: text(raw.permalink),
    severity: text(raw.severity) ?? 'none',
    categories: category ? [category] : list(raw.categories),
    reasons: list(raw.reasons),
    suggestedReply: text(raw.suggestedReply),
    receivedAt: text(raw.writtenAt) ?? new Date(0).toISOString(),
    state,
    answeredAt: state === 'ANSWERED' ? text(raw.stateAt) : null,
    replyUrl: text(raw.replyUrl),
  };
}
