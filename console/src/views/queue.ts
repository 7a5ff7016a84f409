import { Api, ApiError, type Delivery, type Post } from '../api';
import { h, replace, safeLink } from '../dom';
import { language, t, type Key } from '../i18n';
import type { Cadence } from '../cadence-logic';
import { PLATFORMS } from '../platforms';
import { runwayDays } from '../queue-logic';

export function queueView(api: Api, root: HTMLElement): () => void {
  const runway = h('ul', { class: 'runway', 'data-testid': 'runway' });
  const problems = h('ul', { class: 'deliveries', 'data-testid': 'deliveries' });
  replace(root, h('section', { 'aria-labelledby': 'queue-title' }, h('h2', { id: 'queue-title' }, t('queue.title')),
    h('h3', {}, t('queue.runway')), runway, h('h3', {}, t('queue.problems')), problems));

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
