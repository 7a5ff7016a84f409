import { Api, ApiError, type Delivery, type Post } from '../api';
import { h, replace, safeLink } from '../dom';
import { language, t, type Key } from '../i18n';
import type { Cadence } from '../cadence-logic';
import { PLATFORMS } from '../platforms';
import { accountState, runwayDays, type Account } from '../queue-logic';

export function queueView(api: Api, root: HTMLElement): () => void {
  const runway = h('ul', { class: 'runway', 'data-testid': 'runway' });
  const problems = h('ul', { class: 'deliveries', 'data-testid': 'deliveries' });
  const accounts = h('ul', { class: 'accounts', 'data-testid': 'accounts' });
  const evergreen = h('div', { class: 'evergreen', 'data-testid': 'evergreen' });
  replace(root, h('section', { 'aria-labelledby': 'queue-title' }, h('h2', { id: 'queue-title' }, t('queue.title')),
    h('h3', {}, t('queue.runway')), runway, h('h3', {}, t('queue.problems')), problems,
    h('h3', {}, t('queue.accounts')), accounts, h('h3', {}, t('queue.evergreen')), evergreen));

  async function load(): Promise<void> {
    const now = new Date();
    const ahead = new Date(now.getTime() + 90 * 86_400_000);
    const back = new Date(now.getTime() - 30 * 86_400_000);
    const [queued, past] = await Promise.all([api.listPosts(now.toISOString(), ahead.toISOString()), api.listPosts(back.toISOString(), now.toISOString())]);
    const cadences = (await Promise.all(PLATFORMS.map((p) => api.call<Cadence>('GET', `/cadence/${p}`).catch(() => null))))
      .filter((c): c is Cadence => c !== null);
    const days = runwayDays(queued.posts, now.getTime());
    replace(runway, ...[...days.entries()].map(([platform, d]) => {
      const target = cadences.find((c) => c.platform === platform)?.runwayTargetDays;
      const short = target !== undefined && d < target;
      return h('li', { 'data-platform': platform, class: short ? 'short' : '' }, h('strong', {}, platform), ': ', t('queue.days', { days: d.toFixed(1) }),
        target === undefined ? '' : ` (${t('queue.target', { target })}${short ? ` · ${t('queue.short')}` : ''})`);
    }));
    const failing = past.posts.filter((p) => ['FAILED', 'PARTIALLY_PUBLISHED', 'PUBLISHING', 'UNCERTAIN'].includes(p.status));
    const detailed: Post[] = await Promise.all(failing.map((p) => api.getPost(p.id)));
    const rows = detailed.flatMap((p) => (p.deliveries ?? []).filter((d) => d.status === 'FAILED' || d.status === 'UNCERTAIN' || d.status === 'BLOCKED')
      .map((d) => deliveryRow(p, d)));
    replace(problems, ...(rows.length ? rows : [h('li', {}, t('queue.none'))]));
    const answer = await api.call<{ accounts: Account[] }>('GET', '/accounts');
    replace(accounts, ...answer.accounts.map((a) => accountRow(a, now.getTime())));
    const rotations = answer.accounts.filter((a) => a.evergreen.length > 0);
    const texts = new Map<string, string>();
    await Promise.all([...new Set(rotations.flatMap((a) => a.evergreen.map((e) => e.originalId)))].map((id) =>
      api.getPost(id).then((p) => texts.set(id, p.text), () => undefined)));
    replace(evergreen, ...(rotations.length ? rotations.map((a) => h('section', { 'data-platform': a.platform },
      h('h4', {}, a.platform),
      h('ol', {}, ...a.evergreen.map((e, i) => h('li', { 'data-post': e.originalId },
        h('span', {}, (texts.get(e.originalId) ?? e.originalId).slice(0, 60)), ' · ',
        e.lastAt ? t(Date.parse(e.lastAt) > now.getTime() ? 'queue.dueOut' : 'queue.lastOut', { at: new Date(e.lastAt).toLocaleString(language()) })
          : t('queue.neverOut'),
        i === 0 ? h('strong', {}, ` · ${t('queue.nextRepeat')}`) : null))),
      a.evergreenComplete ? null : h('p', {}, t('queue.evergreenMore'))))
      : [h('p', {}, t('queue.noEvergreen'))]));
  }

  /** One platform's credentials: stored or not, blocked, and when the token expires; never a secret value (the API sends none). */
  function accountRow(a: Account, now: number): HTMLElement {
    const { state, daysLeft } = accountState(a, now);
    const details: string[] = [t(`account.${state}` as Key)];
    if (state === 'blocked') {
      details.push(`${a.reason ?? ''} (${t('account.since', { at: new Date(a.blockedSince ?? now).toLocaleString(language()) })}, `
        + `${t('account.nextProbe', { at: new Date(a.nextProbeAt ?? now).toLocaleString(language()) })})`);
    }
    if (a.configured && a.expiresAt) {
      details.push(t('account.expires', { at: new Date(a.expiresAt).toLocaleDateString(language()), days: daysLeft ?? 0 }));
    } else if (a.configured && !a.credentialsProblem) {
      details.push(t('account.noExpiry'));
    }
    return h('li', { 'data-platform': a.platform, 'data-state': state, class: `account-${state}` },
      h('strong', {}, a.platform), ': ', details.join(' · '));
  }

  /** One delivery in trouble; an UNCERTAIN one gets the person's two answers (the reconcile routes). */
  function deliveryRow(post: Post, d: Delivery): HTMLElement {
    const message = h('span', { role: 'status', class: 'message' });
    const decide = async (decision: 'confirm' | 'resend') => {
      try {
        await api.call('POST', `/posts/${encodeURIComponent(post.id)}/deliveries/${encodeURIComponent(d.platform)}/${decision}`, {});
        await load();
      } catch (error) {
        message.textContent = error instanceof ApiError && error.code === 'route_not_found' ? t('queue.noDecisions')
          : t('error.generic', { message: error instanceof Error ? error.message : String(error) });
      }
    };
    return h('li', { class: `status-${d.status}`, 'data-post': post.id, 'data-platform': d.platform },
      `${new Date(post.dueAt).toLocaleString(language())} · ${d.platform} · ${t(`status.${d.status}` as Key)} · `,
      h('span', {}, post.text.slice(0, 60)), d.lastError ? ` — ${d.lastError}` : '', ' ', safeLink(d.url, '↗'),
      d.status === 'UNCERTAIN' ? h('span', { class: 'actions' },
        h('button', { type: 'button', onclick: () => void decide('confirm') }, t('queue.confirm')),
        h('button', { type: 'button', onclick: () => void decide('resend') }, t('queue.resend'))) : null,
      message);
  }

  void load();
  return () => undefined;
}
