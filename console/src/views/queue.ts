import { Api, type Post } from '../api';
import { h, replace, safeLink } from '../dom';
import { language, t, type Key } from '../i18n';
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
    const days = runwayDays(queued.posts, now.getTime());
    replace(runway, ...[...days.entries()].map(([platform, d]) => h('li', { 'data-platform': platform }, h('strong', {}, platform), ': ', t('queue.days', { days: d.toFixed(1) }))));
    const failing = past.posts.filter((p) => p.status === 'FAILED' || p.status === 'PARTIALLY_PUBLISHED' || p.status === 'PUBLISHING');
    const detailed: Post[] = await Promise.all(failing.map((p) => api.getPost(p.id)));
    const rows = detailed.flatMap((p) => (p.deliveries ?? []).filter((d) => d.status === 'FAILED' || d.status === 'UNCERTAIN' || d.status === 'BLOCKED')
      .map((d) => h('li', { class: `status-${d.status}` }, `${new Date(p.dueAt).toLocaleString(language())} · ${d.platform} · ${t(`status.${d.status}` as Key)} · `,
        h('span', {}, p.text.slice(0, 60)), d.lastError ? ` — ${d.lastError}` : '', ' ', safeLink(d.url, '↗'))));
    replace(problems, ...(rows.length ? rows : [h('li', {}, t('queue.none'))]));
  }

  void load();
  return () => undefined;
}
