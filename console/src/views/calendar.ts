import { Api, ApiError, type Post } from '../api';
import { nextFreeSlot, slotsBetween, type Cadence, type Slot } from '../cadence-logic';
import { dayKey, daysShown, fromLocalInput, move, movedToDay, platformStatus, postsByDay, toLocalInput, type Span } from '../calendar-logic';
import { h, replace, safeLink } from '../dom';
import { language, t, type Key } from '../i18n';
import { PLATFORMS } from '../platforms';

interface CalendarState {
  span: Span;
  anchor: Date;
  platform: string | null;
}

/** The drag's data type: a queued post's id. */
const DRAGGED = 'application/x-social-desk-post';

const state: CalendarState = { span: 'week', anchor: new Date(), platform: null };

/** The conflict message for a 409 on an edit, or the API's own message. */
export function editError(error: unknown, yours: number): string {
  if (error instanceof ApiError && error.code === 'version_mismatch') {
    const theirs = /version (\d+)/.exec(error.message)?.[1] ?? '?';
    return t('conflict', { theirs, yours });
  }
  return t('error.generic', { message: error instanceof Error ? error.message : String(error) });
}

export function calendarView(api: Api, root: HTMLElement): () => void {
  const grid = h('div', { class: 'calendar', 'data-testid': 'calendar' });
  const status = h('p', { role: 'status', class: 'status' });
  const nextSlot = h('p', { class: 'next-slot', 'data-testid': 'next-slot' });
  const title = h('h2', {});
  const filter = h('select', { 'aria-label': t('calendar.filter'), onchange: () => { state.platform = filter.value || null; load(); } },
    h('option', { value: '' }, t('calendar.all')), ...PLATFORMS.map((p) => h('option', { value: p }, p)));
  filter.value = state.platform ?? '';
  const spanButton = (span: Span, key: Key) =>
    h('button', { type: 'button', 'aria-pressed': String(state.span === span), onclick: () => { state.span = span; load(); } }, t(key));
  const toolbar = h('div', { class: 'toolbar' },
    h('button', { type: 'button', onclick: () => { state.anchor = move(state.span, state.anchor, -1); load(); } }, t('calendar.previous')),
    h('button', { type: 'button', onclick: () => { state.anchor = new Date(); load(); } }, t('calendar.today')),
    h('button', { type: 'button', onclick: () => { state.anchor = move(state.span, state.anchor, 1); load(); } }, t('calendar.next')),
    spanButton('week', 'calendar.week'), spanButton('month', 'calendar.month'), filter);
  replace(root, h('section', { 'aria-labelledby': 'calendar-title' }, title, toolbar, nextSlot, status, grid));
  title.id = 'calendar-title';

  let editing = false;
  /** The queued posts on screen, by id: what a drop moves, with the version it was shown at. */
  const draggable = new Map<string, Post>();
  // Posting slots change rarely: read once when the view opens (a 404 is a platform without slots).
  const cadences: Promise<Cadence[]> = Promise.all(PLATFORMS.map((p) => api.call<Cadence>('GET', `/cadence/${p}`).catch(() => null)))
    .then((found) => found.filter((c): c is Cadence => c !== null));

  /** Counts loads, so an answer that arrives after a newer load started (the timer's, say, after "Next") is dropped. */
  let loads = 0;

  async function load(): Promise<void> {
    if (editing) return;
    const generation = ++loads;
    toolbar.querySelectorAll('button[aria-pressed]').forEach((b, i) => b.setAttribute('aria-pressed', String((i === 0) === (state.span === 'week'))));
    const days = daysShown(state.span, state.anchor);
    const from = days[0];
    const to = new Date(days[days.length - 1].getFullYear(), days[days.length - 1].getMonth(), days[days.length - 1].getDate() + 1);
    title.textContent = `${t('nav.calendar')}: ${from.toLocaleDateString(language())} – ${days[days.length - 1].toLocaleDateString(language())}`;
    try {
      const page = await api.listPosts(from.toISOString(), to.toISOString());
      const detailed = await Promise.all(page.posts.map((p) => (p.status === 'QUEUED' ? Promise.resolve(p) : api.getPost(p.id).catch(() => p))));
      const chosen = (await cadences).filter((c) => !state.platform || c.platform === state.platform);
      const slots = slotsBetween(chosen, detailed, from, to);
      const next = nextFreeSlot(slotsBetween(chosen, detailed, new Date(), new Date(Date.now() + 14 * 86_400_000)), new Date());
      nextSlot.textContent = next ? t('calendar.nextFree', { when: next.at.toLocaleString(language(), { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }),
        platforms: next.platforms.join(', ') }) : '';
      // A newer load is on its way, or a post is being dragged (a render would replace it under the pointer).
      if (generation !== loads || editing) return;
      render(days, postsByDay(detailed, state.platform), slots);
    } catch (error) {
      status.textContent = t('error.generic', { message: error instanceof Error ? error.message : String(error) });
    }
  }

  function render(days: Date[], byDay: Map<string, Post[]>, slots: Slot[]): void {
    grid.className = `calendar ${state.span}`;
    draggable.clear();
    const now = new Date();
    const today = dayKey(now);
    replace(grid, ...days.map((day) => {
      const key = dayKey(day);
      const posts = byDay.get(key) ?? [];
      const free = slots.filter((s) => dayKey(s.at) === key && s.at > now && s.taken.length < s.platforms.length);
      return h('div', { class: key === today ? 'day today' : 'day', 'data-day': key,
        ondragover: (event: Event) => { if ((event as DragEvent).dataTransfer?.types.includes(DRAGGED)) event.preventDefault(); },
        ondrop: (event: Event) => void dropped(event as DragEvent, key) },
        h('h3', {}, day.toLocaleDateString(language(), { weekday: 'short', day: 'numeric', month: 'short' })),
        posts.length === 0 ? h('p', { class: 'empty' }, t('calendar.empty'))
          : h('ul', {}, ...posts.map((post) => postItem(post))),
        free.length === 0 ? null : h('ul', { class: 'slots', 'aria-label': t('calendar.freeSlots') }, ...free.map((s) => h('li', { class: 'slot' },
          `${s.at.toLocaleTimeString(language(), { hour: '2-digit', minute: '2-digit' })} ${t('calendar.free')}: `,
          s.platforms.filter((p) => !s.taken.includes(p)).join(', ')))));
    }));
  }

  function postItem(post: Post): HTMLElement {
    const time = new Date(post.dueAt).toLocaleTimeString(language(), { hour: '2-digit', minute: '2-digit' });
    const item = h('li', { class: `post status-${post.status}`, 'data-post': post.id },
      h('time', { datetime: post.dueAt }, time), ' ',
      h('span', { class: 'text' }, post.text.length > 80 ? post.text.slice(0, 79) + '…' : post.text),
      h('ul', { class: 'platforms' }, ...post.platforms.map((platform) => {
        const shown = platformStatus(post, platform);
        const delivery = post.deliveries?.find((d) => d.platform === platform);
        return h('li', { class: `badge status-${shown}`, 'data-platform': platform, 'data-status': shown },
          `${platform}: `, delivery?.url ? safeLink(delivery.url, t(`status.${shown}` as Key)) : t(`status.${shown}` as Key));
      })));
    if (post.status === 'QUEUED') {
      draggable.set(post.id, post);
      item.draggable = true;
      // No refresh while a post is dragged: it would replace the element under the pointer.
      item.addEventListener('dragstart', (event) => { editing = true; event.dataTransfer?.setData(DRAGGED, post.id); });
      item.addEventListener('dragend', () => { editing = false; });
      item.append(
        h('a', { href: `#/compose?id=${encodeURIComponent(post.id)}`, class: 'edit' }, t('calendar.edit')), ' ',
        h('button', { type: 'button', class: 'reschedule', onclick: () => rescheduleForm(item, post) }, t('calendar.reschedule')));
    }
    return item;
  }

  /**
   * A queued post dropped on a day moves there at the same time of day, with the version it was
   * shown at: if someone changed it since, the conflict is shown and nothing is overwritten.
   */
  async function dropped(event: DragEvent, day: string): Promise<void> {
    event.preventDefault();
    editing = false;
    const post = draggable.get(event.dataTransfer?.getData(DRAGGED) ?? '');
    if (!post || dayKey(new Date(post.dueAt)) === day) return;
    try {
      await api.updatePost(post.id, { at: movedToDay(post.dueAt, day), version: post.version });
      status.textContent = t('calendar.rescheduled');
      status.className = 'status';
    } catch (error) {
      status.textContent = editError(error, post.version);
      status.className = 'status error conflict';
    }
    await load();
  }

  function rescheduleForm(item: HTMLElement, post: Post): void {
    editing = true;
    const input = h('input', { type: 'datetime-local', value: toLocalInput(post.dueAt), required: true, id: `at-${post.id}` });
    const message = h('p', { role: 'alert', class: 'message' });
    const form = h('form', { class: 'reschedule-form', onsubmit: async (event: Event) => {
      event.preventDefault();
      try {
        await api.updatePost(post.id, { at: fromLocalInput(input.value), version: post.version });
        editing = false;
        status.textContent = t('calendar.rescheduled');
        await load();
      } catch (error) {
        message.textContent = editError(error, post.version);
        message.className = 'message error conflict';
      }
    } },
    h('label', { for: `at-${post.id}` }, t('calendar.time')), input, h('button', { type: 'submit' }, t('calendar.save')),
    h('button', { type: 'button', 'aria-label': t('calendar.cancel'), onclick: () => { editing = false; load(); } }, '×'), message);
    item.append(form);
    input.focus();
  }

  void load();
  const timer = window.setInterval(() => void load(), 4000);
  return () => window.clearInterval(timer);
}
