import './style.css';
import { Api } from './api';
import { finishCognitoSignIn, signInLocally, signOut, startCognitoSignIn, token, user, type ConsoleConfig } from './auth';
import { h, replace } from './dom';
import { initialLanguage, language, setLanguage, t, type Language } from './i18n';
import { calendarView } from './views/calendar';
import { composeView } from './views/compose';
import { inboxView } from './views/inbox';
import { queueView } from './views/queue';
import { engagementView } from './views/engagement';

const LANGUAGE = 'social-desk.language';
const app = document.getElementById('app') as HTMLElement;
let stopView: () => void = () => undefined;

async function start(): Promise<void> {
  setLanguage(initialLanguage(localStorage.getItem(LANGUAGE), navigator.languages));
  document.documentElement.lang = language();
  const config = (await (await fetch('/config.json')).json()) as ConsoleConfig;
  if (config.auth === 'cognito') await finishCognitoSignIn(config);
  const api = new Api(config.apiBase, token, () => { signOut(); render(config, api); });
  window.addEventListener('hashchange', () => render(config, api));
  render(config, api);
}

function languagePicker(onChange: () => void): HTMLElement {
  const select = h('select', { id: 'language', onchange: () => {
    setLanguage(select.value as Language);
    localStorage.setItem(LANGUAGE, select.value);
    document.documentElement.lang = select.value;
    onChange();
  } }, h('option', { value: 'en' }, 'English'), h('option', { value: 'vi' }, 'Tiếng Việt'));
  select.value = language();
  return h('span', { class: 'language' }, h('label', { for: 'language' }, t('lang.label')), ' ', select);
}

function signInPage(config: ConsoleConfig, done: () => void): HTMLElement {
  const error = h('p', { role: 'alert', class: 'message error' });
  if (config.auth === 'cognito') {
    return h('main', { class: 'sign-in' }, h('h1', {}, t('app.title')),
      h('button', { type: 'button', onclick: () => void startCognitoSignIn(config) }, t('signIn.cognito')), languagePicker(done));
  }
  const name = h('input', { id: 'sign-in-name', required: true, autocomplete: 'username' });
  return h('main', { class: 'sign-in' }, h('h1', {}, t('app.title')),
    h('form', { onsubmit: (event: Event) => {
      event.preventDefault();
      signInLocally(name.value).then(done, (e: unknown) => (error.textContent = e instanceof Error ? e.message : String(e)));
    } },
    h('h2', {}, t('signIn.title')), h('p', {}, t('signIn.local')),
    h('label', { for: 'sign-in-name' }, t('signIn.name')), name, h('button', { type: 'submit' }, t('signIn.submit')), error),
    languagePicker(done));
}

function render(config: ConsoleConfig, api: Api): void {
  stopView();
  stopView = () => undefined;
  if (!token()) {
    replace(app, signInPage(config, () => render(config, api)));
    return;
  }
  const [path, query] = (location.hash.slice(1) || '/calendar').split('?');
  const params = new URLSearchParams(query ?? '');
  const main = h('main', { id: 'view' });
  const link = (href: string, key: Parameters<typeof t>[0]) =>
    h('a', { href, 'aria-current': path === href.slice(1) ? 'page' : null }, t(key));
  replace(app,
    h('header', {}, h('h1', {}, t('app.title')),
      h('nav', { 'aria-label': t('app.title') }, link('#/calendar', 'nav.calendar'), link('#/compose', 'nav.compose'),
        link('#/inbox', 'nav.inbox'), link('#/queue', 'nav.queue'), link('#/engagement', 'nav.engagement')),
      h('span', { class: 'user' }, user() ?? ''), languagePicker(() => render(config, api)),
      h('button', { type: 'button', onclick: () => { signOut(); render(config, api); } }, t('nav.signOut'))),
    main);
  switch (path) {
    case '/compose': stopView = composeView(api, main, params.get('id')); break;
    case '/inbox': stopView = inboxView(api, main); break;
    case '/queue': stopView = queueView(api, main); break;
    case '/engagement': stopView = engagementView(api, main); break;
    default: stopView = calendarView(api, main);
  }
}

void start();
