// One page of a business's service instances, as list_service_instance serves it: filters, sort and
// paging are the API's, so only the page on screen is ever loaded.
import { h, add, time, confirmDialog } from '../dom.js';
import { t } from '../i18n.js';
import { call } from '../api.js';
import { errorPanel } from '../errors.js';
import { navigate } from '../app.js';
import { handleAuth } from './common.js';

const pageSizes = [10, 20, 50, 100, 500];
const sorts = ['id', '-id', 'name', '-name', 'create_time', '-create_time'];

function numberOrText(text) {
  return /^-?\d+$/.test(text) ? Number(text) : text;
}

/** The list_service_instance body for the filters in the address. */
export function listRequest(bizId, params) {
  const body = { bk_biz_id: bizId };
  const module = (params.get('module') ?? '').trim();
  const hosts = (params.get('hosts') ?? '').trim();
  const search = (params.get('q') ?? '').trim();
  if (module) body.bk_module_id = numberOrText(module);
  if (hosts) body.bk_host_ids = hosts.split(/[\s,]+/).filter(Boolean).map(numberOrText);
  if (search) body.search_key = search;
  body.page = { start: Number(params.get('start') ?? 0) || 0, limit: Number(params.get('limit') ?? 20) || 20, sort: params.get('sort') || 'id' };
  return body;
}

function link(bizId, params, changes) {
  const next = new URLSearchParams(params);
  for (const [key, value] of Object.entries(changes)) {
    if (value === '' || value === null || value === undefined) next.delete(key);
    else next.set(key, String(value));
  }

  const query = next.toString();
  return `/biz/${bizId}${query ? `?${query}` : ''}`;
}

export async function instanceListView(bizId, params) {
  const body = listRequest(bizId, params);
  const { start, limit, sort } = body.page;
  const section = h('section', { class: 'instances', dataset: { title: `${t('instances')} · ${t('business')} ${bizId}` } });

  const module = h('input', { id: 'filter-module', name: 'module', inputmode: 'numeric', value: params.get('module') ?? '', size: 8 });
  const hosts = h('input', { id: 'filter-hosts', name: 'hosts', value: params.get('hosts') ?? '', size: 16, placeholder: t('hostIdsHelp') });
  const search = h('input', { id: 'filter-q', name: 'q', type: 'search', value: params.get('q') ?? '', size: 20 });
  const sortSelect = h('select', { id: 'sort', name: 'sort' }, sorts.map(s => h('option', { value: s, selected: s === sort }, t('sortOptions')[s])));
  const sizeSelect = h('select', { id: 'page-size', name: 'limit' }, pageSizes.map(n => h('option', { value: n, selected: n === limit }, n)));
  const apply = e => {
    e?.preventDefault();
    navigate(link(bizId, params, { module: module.value.trim(), hosts: hosts.value.trim(), q: search.value.trim(),
      sort: sortSelect.value, limit: sizeSelect.value, start: 0 }));
  };
  sortSelect.addEventListener('change', apply);
  sizeSelect.addEventListener('change', apply);

  add(section, 
    h('div', { class: 'title-row' },
      h('h1', {}, t('instances'), h('span', { class: 'muted' }, ` · ${t('business')} ${bizId}`)),
      h('a', { class: 'button', href: `#/biz/${bizId}/new` }, t('newInstance'))),
    h('form', { class: 'filters', role: 'search', onsubmit: apply },
      h('div', { class: 'field' }, h('label', { for: 'filter-module' }, t('moduleId')), module),
      h('div', { class: 'field' }, h('label', { for: 'filter-hosts' }, t('hostIds')), hosts),
      h('div', { class: 'field' }, h('label', { for: 'filter-q' }, t('searchKey')), search),
      h('div', { class: 'field' }, h('label', { for: 'sort' }, t('sort')), sortSelect),
      h('div', { class: 'field' }, h('label', { for: 'page-size' }, t('pageSize')), sizeSelect),
      h('div', { class: 'actions' },
        h('button', { type: 'submit' }, t('apply')),
        h('a', { class: 'button secondary', href: `#/biz/${bizId}` }, t('reset')))));

  let page;
  try {
    page = await call('list_service_instance', body);
  } catch (error) {
    if (handleAuth(error)) return section;
    add(section, errorPanel(error));
    return section;
  }

  const total = page.count;
  const selected = new Set();
  const deleteButton = h('button', { type: 'button', class: 'danger', disabled: true }, t('deleteSelected'));
  const messages = h('div', { class: 'messages' });
  const refresh = () => { deleteButton.disabled = selected.size === 0; };

  const header = (key, label) => {
    const ascending = key;
    const next = sort === ascending ? `-${key}` : ascending;
    const mark = sort === key ? ' ▲' : sort === `-${key}` ? ' ▼' : '';
    return h('th', { 'aria-sort': sort === key ? 'ascending' : sort === `-${key}` ? 'descending' : undefined },
      h('a', { href: `#${link(bizId, params, { sort: next, start: 0 })}` }, label, mark));
  };

  const rows = page.info.map(instance => {
    const box = h('input', { type: 'checkbox', 'aria-label': `${t('select')} ${instance.id}`, onchange: e => {
      if (e.target.checked) selected.add(instance); else selected.delete(instance);
      refresh();
    } });
    return h('tr', { dataset: { instanceId: String(instance.id) } },
      h('td', {}, box),
      h('td', { class: 'num' }, instance.id),
      h('td', {}, h('a', { href: `#/biz/${bizId}/instance/${instance.id}` }, instance.name || '—')),
      h('td', { class: 'num' }, instance.bk_module_id),
      h('td', { class: 'num' }, instance.bk_host_id),
      h('td', {}, instance.service_template_id ? h('span', { class: 'badge template' }, t('templateId', instance.service_template_id)) : ''),
      h('td', {}, instance.modifier),
      h('td', {}, time(instance.create_time)),
      h('td', {}, time(instance.last_time)));
  });

  deleteButton.addEventListener('click', async () => {
    const victims = [...selected];
    const names = victims.map(i => `${i.id} ${i.name}`).join(', ');
    if (!await confirmDialog(t('confirmDeleteInstances', victims.length), t('confirmDeleteInstancesBody', names), t('delete'), t('cancel'))) return;
    try {
      await call('delete_service_instance', { bk_biz_id: bizId, service_instance_ids: victims.map(i => i.id) });
      navigate(link(bizId, params, {}), t('deletedInstances', victims.length));
    } catch (error) {
      if (!handleAuth(error)) messages.replaceChildren(errorPanel(error));
    }
  });

  const pages = Math.max(1, Math.ceil(total / limit));
  const current = Math.floor(start / limit) + 1;
  add(section, 
    messages,
    h('div', { class: 'list-bar' },
      h('span', { class: 'count', role: 'status' }, t('count', total === 0 ? 0 : start + 1, Math.min(start + page.info.length, total), total)),
      deleteButton),
    h('div', { class: 'table-wrap' }, h('table', { class: 'list' },
      h('thead', {}, h('tr', {}, h('th', {}), header('id', t('id')), header('name', t('name')), h('th', {}, t('module')),
        h('th', {}, t('host')), h('th', {}, t('template')), h('th', {}, t('modifier')), header('create_time', t('created')),
        h('th', {}, t('updated')))),
      h('tbody', {}, rows))),
    h('nav', { class: 'pager', 'aria-label': 'pages' },
      h('a', { class: 'button secondary', rel: 'prev', href: `#${link(bizId, params, { start: Math.max(0, start - limit) })}`,
        'aria-disabled': start === 0 ? 'true' : undefined }, t('previous')),
      h('span', {}, t('pageOf', current, pages)),
      h('a', { class: 'button secondary', rel: 'next', href: `#${link(bizId, params, { start: start + limit })}`,
        'aria-disabled': start + limit >= total ? 'true' : undefined }, t('next'))));
  return section;
}
