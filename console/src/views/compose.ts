import { Api, ApiError, type Post, type Validation } from '../api';
import { fromLocalInput, imagesOf, toLocalInput } from '../calendar-logic';
import { editError } from './calendar';
import { h, replace } from '../dom';
import { language, t } from '../i18n';
import { PLATFORMS } from '../platforms';
import { uploadImage, UploadError } from '../upload';
import { ACCEPTED_TYPES } from '../upload-logic';

/** Waits this long after the last keystroke before asking the server to count. */
const VALIDATE_DELAY_MS = 200;
/** The most images a post carries on any platform the desk knows (the server checks each platform's own limit). */
const IMAGE_ROWS = 4;

export function composeView(api: Api, root: HTMLElement, editId: string | null): () => void {
  let post: Post | null = null;
  let latest: Validation | null = null;
  let timer = 0;
  let asked = 0;

  const text = h('textarea', { id: 'compose-text', rows: 6, oninput: () => schedule() });
  const link = h('input', { id: 'compose-link', type: 'url', oninput: () => schedule() });
  // Each row's image is a URL typed in, or a file uploaded from here whose media:// reference then fills the URL.
  const imageRows = Array.from({ length: IMAGE_ROWS }, (_, i) => ({
    url: h('input', { id: `compose-image-${i + 1}`, type: 'url', oninput: () => typed(i) }),
    alt: h('input', { id: `compose-alt-${i + 1}`, type: 'text', oninput: () => schedule() }),
    file: h('input', { id: `compose-file-${i + 1}`, type: 'file', accept: ACCEPTED_TYPES, 'aria-describedby': `compose-upload-${i + 1}`,
      onchange: () => void upload(i) }),
    status: h('p', { id: `compose-upload-${i + 1}`, class: 'upload-status', role: 'status', 'aria-live': 'polite' }),
    preview: h('img', { class: 'upload-preview', alt: t('compose.preview', { n: i + 1 }), hidden: true }),
    state: 'idle' as 'idle' | 'uploading' | 'failed',
    previewUrl: null as string | null,
    // Which choice of file the row shows: an older upload finishing late changes nothing.
    attempt: 0,
  }));
  const images = () => imagesOf(imageRows.map((r) => ({ url: r.url.value, alt: r.alt.value })));
  const boxes = PLATFORMS.map((p) => h('input', { type: 'checkbox', id: `platform-${p}`, value: p, onchange: () => schedule() }));
  const at = h('input', { id: 'compose-at', type: 'datetime-local' });
  const nextSlot = h('input', { id: 'compose-next-slot', type: 'checkbox' });
  const evergreen = h('input', { id: 'compose-evergreen', type: 'checkbox' });
  const counts = h('ul', { class: 'counts', 'aria-live': 'polite', 'data-testid': 'counts' });
  const problems = h('div', { class: 'problems', role: 'alert', 'data-testid': 'problems' });
  const message = h('p', { role: 'status', class: 'message' });
  const save = h('button', { type: 'submit', disabled: true }, t(editId ? 'compose.saveEdit' : 'compose.save'));
  const heading = h('h2', { id: 'compose-title' }, t(editId ? 'compose.editTitle' : 'compose.title'));

  const form = h('form', { 'aria-labelledby': 'compose-title', onsubmit: (event: Event) => { event.preventDefault(); void submit(); } },
    heading,
    h('label', { for: 'compose-text' }, t('compose.text')), text,
    counts,
    h('label', { for: 'compose-link' }, t('compose.link')), link,
    h('fieldset', { class: 'images' }, h('legend', {}, t('compose.images')),
      ...imageRows.map((r, i) => h('div', { class: 'image-row' },
        h('label', { for: `compose-image-${i + 1}` }, t('compose.imageUrl', { n: i + 1 })), r.url,
        h('label', { for: `compose-alt-${i + 1}` }, t('compose.imageAlt', { n: i + 1 })), r.alt,
        h('div', { class: 'image-upload' },
          h('label', { for: `compose-file-${i + 1}` }, t('compose.imageFile', { n: i + 1 })), r.file, r.status, r.preview)))),
    h('fieldset', {}, h('legend', {}, t('compose.platforms')),
      ...PLATFORMS.map((p, i) => h('span', { class: 'choice' }, boxes[i], h('label', { for: `platform-${p}` }, p)))),
    h('fieldset', {}, h('legend', {}, t('compose.when')),
      h('label', { for: 'compose-at' }, t('compose.at')), at,
      h('span', { class: 'choice' }, nextSlot, h('label', { for: 'compose-next-slot' }, t('compose.nextSlot')))),
    editId ? null : h('span', { class: 'choice' }, evergreen, h('label', { for: 'compose-evergreen' }, t('compose.evergreen'))),
    problems, h('div', {}, save), message);
  replace(root, form);

  const chosen = () => boxes.filter((b) => b.checked).map((b) => b.value);
  /** Why the post cannot be saved yet for its uploads, or null: a row still uploading, or one whose upload failed. */
  const uploadsBlock = (): string | null =>
    imageRows.some((r) => r.state === 'uploading') ? t('compose.uploadsPending')
      : imageRows.some((r) => r.state === 'failed') ? t('compose.uploadsFailed') : null;

  function clearPreview(row: (typeof imageRows)[number]): void {
    if (row.previewUrl) URL.revokeObjectURL(row.previewUrl);
    row.previewUrl = null;
    row.preview.removeAttribute('src');
    row.preview.hidden = true;
  }

  /** A URL typed by hand replaces whatever file the row had, uploaded or not. */
  function typed(i: number): void {
    const row = imageRows[i];
    if (row.state !== 'idle' || row.previewUrl) {
      row.attempt++;
      row.state = 'idle';
      row.file.value = '';
      row.status.textContent = '';
      clearPreview(row);
    }
    schedule();
  }

  async function upload(i: number): Promise<void> {
    const row = imageRows[i];
    const file = row.file.files?.[0];
    if (!file) return;
    const attempt = ++row.attempt;
    clearPreview(row);
    row.url.value = '';
    row.state = 'uploading';
    row.status.className = 'upload-status';
    row.status.textContent = t('upload.progress', { name: file.name });
    schedule();
    try {
      const reference = await uploadImage(api, file);
      if (attempt !== row.attempt) return;
      row.url.value = reference;
      row.previewUrl = URL.createObjectURL(file);
      row.preview.src = row.previewUrl;
      row.preview.hidden = false;
      row.state = 'idle';
      row.status.textContent = t('upload.done', { name: file.name });
    } catch (error) {
      if (attempt !== row.attempt) return;
      row.state = 'failed';
      row.status.className = 'upload-status failed';
      row.status.textContent = error instanceof UploadError ? error.message
        : t('error.generic', { message: error instanceof Error ? error.message : String(error) });
    }
    schedule();
  }

  function schedule(): void {
    window.clearTimeout(timer);
    save.disabled = true;
    timer = window.setTimeout(() => void check(), VALIDATE_DELAY_MS);
  }

  async function check(): Promise<void> {
    const mine = ++asked;
    message.textContent = t('compose.checking');
    try {
      const validation = await api.validate(text.value, link.value.trim(), chosen(), images());
      if (mine !== asked) return;
      latest = validation;
      const blocked = uploadsBlock();
      message.textContent = blocked ?? '';
      replace(counts, ...validation.platforms.map((p) => h('li', { 'data-platform': p.platform, class: p.counts.some((c) => c.over) ? 'over' : '' },
        h('strong', {}, p.platform), ' ',
        ...p.counts.map((c) => h('span', { class: c.over ? 'count over' : 'count' }, t('compose.count', { count: c.count, limit: c.limit, unit: c.unit }), ' ')))));
      showProblems(validation.problems);
      save.disabled = !validation.ok || blocked !== null;
    } catch (error) {
      message.textContent = t('error.generic', { message: error instanceof Error ? error.message : String(error) });
    }
  }

  function showProblems(list: string[]): void {
    replace(problems, list.length === 0 ? null : h('p', {}, t('compose.problems')), list.length === 0 ? null : h('ul', {}, ...list.map((p) => h('li', {}, p))));
  }

  async function submit(): Promise<void> {
    if (!latest?.ok || uploadsBlock() !== null) return;
    const when: Record<string, unknown> = nextSlot.checked ? { nextSlot: true } : at.value ? { at: fromLocalInput(at.value) } : {};
    try {
      let saved: Post;
      if (post) {
        const changes: Record<string, unknown> = { text: text.value, link: link.value.trim() || null, images: images(), platforms: chosen(), version: post.version, ...when };
        saved = await api.updatePost(post.id, changes);
      } else {
        saved = await api.createPost({ text: text.value, link: link.value.trim() || null, images: images(), platforms: chosen(), evergreen: evergreen.checked,
          clientToken: crypto.randomUUID(), ...when });
      }
      post = editId ? saved : null;
      message.textContent = t('compose.saved', { when: new Date(saved.dueAt).toLocaleString(language()) });
      message.className = 'message ok';
      showProblems([]);
    } catch (error) {
      if (error instanceof ApiError && error.problems.length > 0) {
        showProblems(error.problems);
      } else if (post) {
        showProblems([editError(error, post.version)]);
      } else {
        showProblems([t('error.generic', { message: error instanceof Error ? error.message : String(error) })]);
      }
    }
  }

  if (editId) {
    void api.getPost(editId).then((found) => {
      post = found;
      text.value = found.text;
      link.value = found.link ?? '';
      (found.images ?? []).slice(0, IMAGE_ROWS).forEach((image, i) => {
        imageRows[i].url.value = image.url;
        imageRows[i].alt.value = image.alt;
      });
      boxes.forEach((b) => (b.checked = found.platforms.includes(b.value)));
      at.value = toLocalInput(found.dueAt);
      schedule();
    }, (error: unknown) => showProblems([t('error.generic', { message: error instanceof Error ? error.message : String(error) })]));
  }
  return () => {
    window.clearTimeout(timer);
    imageRows.forEach(clearPreview);
  };
}
