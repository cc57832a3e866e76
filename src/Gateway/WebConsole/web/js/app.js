// The console's shell: a hash router (#/biz/1/instance/5), the header, and one view at a time.
import { h, replace } from './dom.js';
import { t, language } from './i18n.js';
import * as session from './session.js';
import { signInView } from './views/signIn.js';
import { businessView } from './views/business.js';
import { instanceListView } from './views/instanceList.js';
import { instancePageView } from './views/instancePage.js';
import { instanceFormView } from './views/instanceForm.js';
import { processPageView } from './views/processPage.js';

const routes = [
  [/^\/biz\/(\d+)$/, (m, q) => instanceListView(Number(m[1]), q)],
  [/^\/biz\/(\d+)\/new$/, m => instanceFormView(Number(m[1]))],
  [/^\/biz\/(\d+)\/instance\/(\d+)$/, m => instancePageView(Number(m[1]), Number(m[2]))],
  [/^\/biz\/(\d+)\/instance\/(\d+)\/process\/new$/, m => processPageView(Number(m[1]), Number(m[2]), null)],
  [/^\/biz\/(\d+)\/instance\/(\d+)\/process\/(\d+)$/, m => processPageView(Number(m[1]), Number(m[2]), Number(m[3]))],
];

let pendingNotice = null;
let renders = 0;

/** Goes to a route; <paramref name="notice"/> is shown once on the next page. */
export function navigate(path, notice = null) {
  pendingNotice = notice;
  if (location.hash === `#${path}`) render();
  else location.hash = path;
}

/** Forgets the credentials and asks for them again, saying why. */
export function signOut(reason = null) {
  session.signOut();
  pendingNotice = reason;
  navigate('/signin', reason);
}

function header(current, bizId) {
  const biz = h('input', { name: 'biz', type: 'text', inputmode: 'numeric', value: bizId ?? '', size: 8,
    'aria-label': t('pickBusiness'), placeholder: t('pickBusiness') });
  return h('header', { class: 'top' },
    h('a', { href: '#/', class: 'brand' }, t('title')),
    current ? h('form', { class: 'biz-switch', onsubmit: e => {
      e.preventDefault();
      if (/^\d+$/.test(biz.value.trim())) navigate(`/biz/${Number(biz.value.trim())}`);
    } }, h('label', {}, t('business'), ' ', biz), h('button', { type: 'submit', class: 'secondary small' }, t('open'))) : null,
    h('span', { class: 'spacer' }),
    current ? h('span', { class: 'who' }, t('signedInAs', current.userName || '—', current.appCode)) : null,
    current ? h('button', { type: 'button', class: 'link', onclick: () => signOut() }, t('signOut')) : null);
}

async function render() {
  const token = ++renders;
  const root = document.getElementById('app');
  // Only the path is decoded here: the query keeps its escapes for URLSearchParams (a search may hold '&').
  const hash = location.hash.replace(/^#/, '') || '/';
  const mark = hash.indexOf('?');
  const path = decodeURIComponent(mark < 0 ? hash : hash.slice(0, mark));
  const params = new URLSearchParams(mark < 0 ? '' : hash.slice(mark + 1));
  const current = session.current();
  const notice = pendingNotice;
  pendingNotice = null;

  let view;
  let bizId = null;
  if (!current || path === '/signin') {
    view = signInView(notice);
  } else {
    const match = routes.map(([pattern, make]) => [pattern.exec(path), make]).find(([m]) => m);
    if (match) {
      bizId = Number(match[0][1]);
      session.rememberBusiness(bizId);
      view = match[1](match[0], params);
    } else {
      view = businessView();
    }
  }

  const main = h('main', { id: 'main' });
  replace(root, header(current && path !== '/signin' ? current : null, bizId), main);
  if (notice && current && path !== '/signin') main.append(h('div', { class: 'notice', role: 'status' }, notice));
  const loading = h('p', { class: 'muted loading' }, t('loading'));
  main.append(loading);
  const element = await view;
  // A later navigation won the race: its page is the one to show.
  if (token !== renders) return;
  loading.remove();
  main.append(element);
  document.title = `${element.dataset.title ?? ''}${element.dataset.title ? ' · ' : ''}${t('title')}`;
}

document.documentElement.lang = language === 'zh-cn' ? 'zh-CN' : 'en';
window.addEventListener('hashchange', render);
render();
