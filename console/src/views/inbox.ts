import { Api, ApiError } from '../api';
import { h, replace, safeLink } from '../dom';
import { t } from '../i18n';
import { duration, inboxOrder, readComment, responseTimes, type FlaggedComment } from '../inbox-logic';

/** The comments routes (the replies work): flagged comments by state, and the actions on one. */
function commentPath(c: FlaggedComment, action: string): string {
  return `/comments/${encodeURIComponent(c.platform)}/${encodeURIComponent(c.commentId)}/${action}`;
}

async function comments(api: Api, state: string): Promise<FlaggedComment[]> {
  const body = await api.call<{ comments?: Record<string, unknown>[] }>('GET', `/comments?state=${state}`);
  return (body.comments ?? []).map(readComment);
}

export function inboxView(api: Api, root: HTMLElement): () => void {
  const list = h('div', { class: 'inbox', 'data-testid': 'inbox' });
  const stats = h('p', { class: 'stats' });
  const answeredList = h('ul', { class: 'answered' });
  const hiddenList = h('ul', { class: 'hidden-comments' });
  replace(root, h('section', { 'aria-labelledby': 'inbox-title' }, h('h2', { id: 'inbox-title' }, t('inbox.title')), stats, list,
    h('h3', {}, t('inbox.answered')), answeredList, h('h3', {}, t('inbox.hidden')), hiddenList));

  async function load(): Promise<void> {
    try {
      const [open, answered, hidden] = await Promise.all([comments(api, 'NEW'), comments(api, 'ANSWERED'), comments(api, 'HIDDEN')]);
      const figures = responseTimes([...open, ...answered], Date.now());
      stats.textContent = t('inbox.stats', { median: duration(figures.median), p90: duration(figures.p90), oldest: duration(figures.oldest) });
      const ordered = inboxOrder(open);
      replace(list, ordered.length === 0 ? h('p', {}, t('inbox.empty')) : h('ul', {}, ...ordered.map(card)));
      replace(answeredList, ...answered.map((c) => h('li', { 'data-comment': c.commentId },
        `${c.platform} · ${c.author}: `, h('q', {}, c.text), ' → ', safeLink(c.replyUrl, t('inbox.answered')))));
      replace(hiddenList, ...hidden.map((c) => h('li', { 'data-comment': c.commentId },
        `${c.platform} · ${c.author}: `, h('q', {}, c.text), ' ',
        h('button', { type: 'button', onclick: () => void api.call('POST', commentPath(c, 'unhide')).then(load, load) }, t('inbox.unhide')))));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'route_not_found') {
        replace(list, h('p', {}, t('inbox.unavailable')));
      } else {
        replace(list, h('p', { role: 'alert' }, t('error.generic', { message: error instanceof Error ? error.message : String(error) })));
      }
    }
  }

  function card(c: FlaggedComment): HTMLElement {
    const id = `reply-${c.platform}-${c.commentId}`.replace(/[^A-Za-z0-9_-]/g, '_');
    const reply = h('textarea', { id, rows: 3, value: c.suggestedReply ?? '' });
    const warning = h('div', { class: 'warning', role: 'alert' });
    const confirm = h('input', { type: 'checkbox', id: `${id}-confirm` });
    const reason = h('input', { type: 'text', id: `${id}-reason` });
    const message = h('p', { role: 'status', class: 'message' });
    const age = Date.now() - Date.parse(c.receivedAt);

    async function act(action: string, body?: unknown): Promise<void> {
      try {
        await api.call('POST', commentPath(c, action), body);
        await load();
      } catch (error) {
        if (error instanceof ApiError && error.code === 'reads_as_abuse') {
          replace(warning, h('p', {}, t('inbox.lashOut')), h('span', { class: 'choice' }, confirm, h('label', { for: confirm.id }, t('inbox.confirmLashOut'))));
        } else {
          message.textContent = error instanceof ApiError && error.problems.length ? error.problems.join('; ') : t('error.generic', { message: error instanceof Error ? error.message : String(error) });
        }
      }
    }

    function approve(): void {
      const unchanged = c.suggestedReply !== null && reply.value === c.suggestedReply;
      const body: Record<string, unknown> = unchanged ? { acceptSuggestion: true } : { text: reply.value };
      if (confirm.checked) body.confirmLashOut = true;
      void act('reply', body);
    }

    return h('li', { class: `comment severity-${c.severity.toUpperCase()}`, 'data-comment': c.commentId },
      h('p', { class: 'meta' }, h('span', { class: 'severity' }, `${t('inbox.severity')}: ${c.severity}`), ' · ', c.platform, ' · ',
        h('strong', {}, c.author), ' · ', t('inbox.waiting', { age: duration(age) }),
        c.postId ? ` · ${t('inbox.onPost', { post: c.postId })}` : null, ' ', safeLink(c.permalink, '↗')),
      h('blockquote', { class: 'comment-text' }, c.text),
      c.reasons.length || c.categories.length ? h('div', { class: 'reasons' }, h('span', {}, `${t('inbox.reasons')}: `),
        h('ul', {}, ...c.categories.map((x) => h('li', {}, x)), ...c.reasons.map((x) => h('li', {}, x)))) : null,
      h('label', { for: id }, t('inbox.suggested')), reply, warning,
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'approve', onclick: approve }, t('inbox.approve')),
        h('button', { type: 'button', onclick: () => void act('hide') }, t('inbox.hide')),
        h('label', { for: reason.id }, t('inbox.dismissReason')), reason,
        h('button', { type: 'button', onclick: () => void act('dismiss', { reason: reason.value }) }, t('inbox.dismiss'))),
      message);
  }

  void load();
  return () => undefined;
}
