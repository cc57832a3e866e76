// One service instance: its record, and its processes as list_process_instance returns them.
import { h, add, time, confirmDialog } from '../dom.js';
import { t, fieldLabels, protocols } from '../i18n.js';
import { call } from '../api.js';
import { errorPanel } from '../errors.js';
import { navigate } from '../app.js';
import { handleAuth } from './common.js';
import { bindTable } from './bindTable.js';
import { portsText } from '../processFields.js';

/** The instance record, through the one listing that filters by instance id. */
export async function loadInstance(bizId, instanceId) {
  const page = await call('list_service_instance_detail', {
    bk_biz_id: bizId, service_instance_ids: [instanceId], page: { start: 0, limit: 1 },
  });
  return page.info[0] ?? null;
}

export async function instancePageView(bizId, instanceId) {
  const section = h('section', { class: 'instance', dataset: { title: t('instance', instanceId) } });
  const back = h('a', { href: `#/biz/${bizId}`, class: 'back' }, `← ${t('back')}`);
  let instance, processes;
  try {
    [instance, processes] = await Promise.all([
      loadInstance(bizId, instanceId),
      call('list_process_instance', { bk_biz_id: bizId, service_instance_id: instanceId }),
    ]);
  } catch (error) {
    if (!handleAuth(error)) add(section, back, errorPanel(error));
    return section;
  }

  if (!instance) {
    add(section, back, h('div', { class: 'error', role: 'alert' }, t('notFound', instanceId, bizId)));
    return section;
  }

  const fromTemplate = instance.service_template_id !== 0;
  const messages = h('div', { class: 'messages' });
  const selected = new Set();
  const deleteProcesses = h('button', { type: 'button', class: 'danger', disabled: true }, t('deleteSelected'));
  const deleteInstance = h('button', { type: 'button', class: 'danger secondary' }, t('deleteInstance'));

  const labels = instance.labels && Object.keys(instance.labels).length
    ? Object.entries(instance.labels).map(([k, v]) => h('span', { class: 'badge' }, `${k}=${v}`))
    : h('span', { class: 'muted' }, t('none'));
  add(section, 
    back,
    h('div', { class: 'title-row' },
      h('h1', {}, instance.name || t('instance', instance.id),
        fromTemplate ? h('span', { class: 'badge template' }, t('templateId', instance.service_template_id)) : null),
      h('div', { class: 'actions' }, deleteInstance)),
    fromTemplate ? h('p', { class: 'muted' }, t('templateInstanceHelp')) : null,
    h('dl', { class: 'record' },
      [[t('id'), instance.id], [t('module'), instance.bk_module_id], [t('host'), instance.bk_host_id],
        [t('template'), instance.service_template_id || t('none')], [t('labels'), labels],
        [t('creator'), instance.creator], [t('modifier'), instance.modifier],
        [t('created'), time(instance.create_time)], [t('updated'), time(instance.last_time)]]
        .map(([term, value]) => h('div', {}, h('dt', {}, term), h('dd', {}, value)))),
    messages);

  const addProcess = fromTemplate
    ? h('span', { class: 'button disabled', title: t('templateInstanceHelp'), 'aria-disabled': 'true' }, t('addProcess'))
    : h('a', { class: 'button', href: `#/biz/${bizId}/instance/${instanceId}/process/new` }, t('addProcess'));
  add(section, h('div', { class: 'title-row' }, h('h2', {}, t('processes'), h('span', { class: 'muted' }, ` (${processes.length})`)),
    h('div', { class: 'actions' }, deleteProcesses, addProcess)));

  if (processes.length === 0) {
    add(section, h('p', { class: 'muted' }, t('noProcesses')));
  } else {
    add(section, processTable(bizId, instanceId, processes, selected, () => { deleteProcesses.disabled = selected.size === 0; }));
  }

  deleteProcesses.addEventListener('click', async () => {
    const victims = processes.filter(p => selected.has(p.property.bk_process_id));
    const all = victims.length === processes.length;
    const names = victims.map(p => `${p.property.bk_process_id} ${p.property.bk_process_name}`).join(', ');
    const body = h('div', {}, h('p', {}, t('confirmDeleteProcessesBody', names)), all ? h('p', { class: 'warning' }, t('lastProcesses')) : null);
    if (!await confirmDialog(t('confirmDeleteProcesses', victims.length), body, t('delete'), t('cancel'))) return;
    try {
      await call('delete_process_instance', { bk_biz_id: bizId, process_instance_ids: victims.map(p => p.property.bk_process_id) });
      if (all) navigate(`/biz/${bizId}`, `${t('deletedProcesses', victims.length)} ${t('instanceGone')}`);
      else navigate(`/biz/${bizId}/instance/${instanceId}`, t('deletedProcesses', victims.length));
    } catch (error) {
      if (!handleAuth(error)) messages.replaceChildren(errorPanel(error));
    }
  });

  deleteInstance.addEventListener('click', async () => {
    if (!await confirmDialog(t('confirmDeleteInstances', 1), t('confirmDeleteInstancesBody', `${instance.id} ${instance.name}`), t('delete'), t('cancel'))) return;
    try {
      await call('delete_service_instance', { bk_biz_id: bizId, service_instance_ids: [instanceId] });
      navigate(`/biz/${bizId}`, t('deletedInstances', 1));
    } catch (error) {
      if (!handleAuth(error)) messages.replaceChildren(errorPanel(error));
    }
  });

  return section;
}

function processTable(bizId, instanceId, processes, selected, changed) {
  const columns = ['bk_process_name', 'bk_func_name', 'work_path', 'start_cmd'];
  const body = h('tbody');
  for (const { property, relation } of processes) {
    const id = property.bk_process_id;
    const templated = relation.process_template_id !== 0;
    const box = h('input', { type: 'checkbox', 'aria-label': `${t('select')} ${id}`, disabled: templated,
      title: templated ? t('templateProcessHelp') : undefined, onchange: e => {
        if (e.target.checked) selected.add(id); else selected.delete(id);
        changed();
      } });
    body.append(
      h('tr', { class: 'process', dataset: { processId: String(id) } },
        h('td', {}, box),
        h('td', { class: 'num' }, id),
        columns.map(key => h('td', { class: key === 'proc_num' ? 'num' : key === 'work_path' || key === 'start_cmd' ? 'long' : undefined }, key === 'bk_process_name'
          ? h('a', { href: `#/biz/${bizId}/instance/${instanceId}/process/${id}` }, property[key])
          : property[key] ?? h('span', { class: 'muted', title: t('nullValue') }, '—'))),
        h('td', {}, portsText(property.bind_info, protocols)),
        h('td', {}, templated ? h('span', { class: 'badge template', title: t('templateProcessHelp') }, t('templateId', relation.process_template_id)) : ''),
        h('td', {}, time(property.last_time)),
        h('td', { class: 'nowrap' }, h('a', { href: `#/biz/${bizId}/instance/${instanceId}/process/${id}` }, t('edit')))),
      h('tr', { class: 'process-detail', dataset: { processId: String(id) } },
        h('td'), h('td', { colspan: columns.length + 5 }, bindTable(property.bind_info))));
  }

  return h('div', { class: 'table-wrap' }, h('table', { class: 'list processes' },
    h('thead', {}, h('tr', {}, h('th'), h('th', {}, t('id')), columns.map(key => h('th', {}, fieldLabels[key])),
      h('th', {}, t('ports')), h('th', {}, t('template')), h('th', {}, t('updated')), h('th'))),
    body));
}
