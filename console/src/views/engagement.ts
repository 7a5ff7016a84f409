import { Api } from '../api';
import { barChart } from '../chart';
import { h, replace } from '../dom';
import {
  busiestHours, categoriesOf, categoriesPerDay, perDay, perHourOfDay, perPlatform, postRows, type Engagement, type Selection,
} from '../engagement-logic';
import { KEYS, language, t, type Key } from '../i18n';
import { PLATFORMS } from '../platforms';

const RANGES = [7, 14, 30, 90];

/** The triage's category in the page's language; a category this console does not know shows as sent. */
function categoryName(category: string): string {
  const key = `category.${category}` as Key;
  return KEYS.includes(key) ? t(key) : category;
}

/** Engagement of the posts published in the chosen range: per day, per category, per hour, per post and platform. */
export function engagementView(api: Api, root: HTMLElement): () => void {
  const range = h('select', { id: 'engagement-range', onchange: () => void load() },
    ...RANGES.map((d) => h('option', { value: d }, t('engagement.days', { days: d }))));
  range.value = '14';
  const platform = h('select', { id: 'engagement-platform', onchange: () => draw() },
    h('option', { value: '' }, t('engagement.allPlatforms')), ...PLATFORMS.map((p) => h('option', { value: p }, p)));
  const post = h('select', { id: 'engagement-post', onchange: () => draw() });
  const body = h('div', { 'data-testid': 'engagement' });
  replace(root, h('section', { 'aria-labelledby': 'engagement-title' }, h('h2', { id: 'engagement-title' }, t('engagement.title')),
    h('div', { class: 'toolbar' },
      h('label', { for: 'engagement-range' }, t('engagement.range')), range,
      h('label', { for: 'engagement-platform' }, t('engagement.platform')), platform,
      h('label', { for: 'engagement-post' }, t('engagement.post')), post),
    body));

  let data: Engagement | null = null;

  async function load(): Promise<void> {
    const to = new Date();
    const from = new Date(to.getTime() - Number(range.value) * 86_400_000);
    try {
      data = await api.call<Engagement>('GET', `/engagement?from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`);
      draw();
    } catch (error) {
      replace(body, h('p', { role: 'alert' }, t('error.generic', { message: error instanceof Error ? error.message : String(error) })));
    }
  }

  function draw(): void {
    if (!data) return;
    const chosen = post.value;
    replace(post, h('option', { value: '' }, t('engagement.allPosts')),
      ...data.posts.map((p) => h('option', { value: p.id }, `${new Date(p.dueAt).toLocaleDateString(language())} · ${p.text.slice(0, 40)}`)));
    post.value = data.posts.some((p) => p.id === chosen) ? chosen : '';
    const selection: Selection = { postId: post.value || null, platform: platform.value || null };
    const days = perDay(data, selection);
    const labels = [...days.keys()].map((d) => d.slice(5));
    const hours = perHourOfDay(data, selection);
    const busiest = busiestHours(hours);
    const categories = categoriesOf(data, selection);
    const byCategory = [...categoriesPerDay(data, selection).values()];
    const rows = postRows(data, selection.platform).filter((r) => !selection.postId || r.post.id === selection.postId);
    const platforms = [...perPlatform(data).entries()].filter(([p]) => !selection.platform || p === selection.platform);
    const hourLabel = (hour: number) => `${String(hour).padStart(2, '0')}:00`;
    replace(body,
      data.complete ? null : h('p', { class: 'warning' }, t('engagement.incomplete')),
      h('p', { 'data-testid': 'busiest-hours' }, busiest.length === 0 ? t('engagement.none')
        : t('engagement.busiest', { hours: busiest.map(hourLabel).join(', ') })),
      barChart('per-day', t('engagement.perDay'), t('engagement.figures'), labels, [
        { label: t('engagement.comments'), values: [...days.values()].map((f) => f.comments) },
        { label: t('engagement.likes'), values: [...days.values()].map((f) => f.likes) },
        { label: t('engagement.shares'), values: [...days.values()].map((f) => f.shares) }]),
      barChart('categories', t('engagement.categories'), t('engagement.figures'), labels,
        categories.map((c) => ({ label: categoryName(c), values: byCategory.map((row) => row[c] ?? 0) }))),
      barChart('hours', t('engagement.hours'), t('engagement.figures'), hours.map((_, i) => hourLabel(i)),
        [{ label: t('engagement.all'), values: hours }]),
      h('h3', {}, t('engagement.perPlatform')),
      h('table', { class: 'figures', 'data-testid': 'per-platform' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('engagement.platform')), h('th', { scope: 'col' }, t('engagement.comments')),
          h('th', { scope: 'col' }, t('engagement.likes')), h('th', { scope: 'col' }, t('engagement.shares')))),
        h('tbody', {}, ...platforms.map(([p, f]) => h('tr', { 'data-platform': p }, h('th', { scope: 'row' }, p),
          h('td', {}, String(f.comments)), h('td', {}, String(f.likes)), h('td', {}, String(f.shares)))))),
      h('h3', {}, t('engagement.perPost')),
      rows.length === 0 ? h('p', {}, t('engagement.noPosts')) : h('table', { class: 'figures', 'data-testid': 'per-post' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('engagement.post')), h('th', { scope: 'col' }, t('engagement.platform')),
          h('th', { scope: 'col' }, t('engagement.comments')), h('th', { scope: 'col' }, t('engagement.likes')),
          h('th', { scope: 'col' }, t('engagement.shares')))),
        h('tbody', {}, ...rows.map((r) => h('tr', { 'data-post': r.post.id, 'data-platform': r.platform },
          h('td', { class: 'post-text' }, `${new Date(r.post.dueAt).toLocaleString(language())} · ${r.post.text.slice(0, 80)}`),
          h('td', {}, r.platform), h('td', {}, String(r.figures.comments)), h('td', {}, String(r.figures.likes)),
          h('td', {}, String(r.figures.shares)))))));
  }

  void load();
  const timer = window.setInterval(() => void load(), 10_000);
  return () => window.clearInterval(timer);
}
