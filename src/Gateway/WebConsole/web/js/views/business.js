// There is no business list in the API: the person names the business; recent ones are offered.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import * as session from '../session.js';
import { navigate } from '../app.js';

export function businessView() {
  const input = h('input', { id: 'biz-id', name: 'bk_biz_id', inputmode: 'numeric', required: true, pattern: '[0-9]+' });
  const recent = session.recentBusinesses();
  return h('section', { class: 'card narrow', dataset: { title: t('business') } },
    h('h1', {}, t('business')),
    h('form', { onsubmit: e => { e.preventDefault(); navigate(`/biz/${Number(input.value.trim())}`); } },
      h('div', { class: 'field' }, h('label', { for: 'biz-id' }, t('pickBusiness')), input),
      h('p', { class: 'muted small' }, t('pickBusinessHelp')),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('open')))),
    recent.length ? h('nav', { class: 'recent' }, h('h2', {}, t('recent')),
      h('ul', {}, recent.map(b => h('li', {}, h('a', { href: `#/biz/${b}` }, `${t('business')} ${b}`))))) : null);
}
