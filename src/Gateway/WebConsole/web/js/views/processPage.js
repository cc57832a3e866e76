// Adds a process to an instance (create_process_instance) or replaces one's attributes (update_process_instance).
import { h, add } from '../dom.js';
import { t } from '../i18n.js';
import { call } from '../api.js';
import { errorPanel } from '../errors.js';
import { navigate } from '../app.js';
import { handleAuth } from './common.js';
import { processEditor } from './processEditor.js';
import { showFormError } from './formErrors.js';
import { locksFor } from '../templateLocks.js';

export async function processPageView(bizId, instanceId, processId) {
  const section = h('section', { class: 'process-page' });
  const instancePath = `/biz/${bizId}/instance/${instanceId}`;
  const back = h('a', { href: `#${instancePath}`, class: 'back' }, `← ${t('instance', instanceId)}`);
  let existing = null;
  let locks = null;
  if (processId !== null) {
    try {
      const processes = await call('list_process_instance', { bk_biz_id: bizId, service_instance_id: instanceId });
      existing = processes.find(p => p.property.bk_process_id === processId) ?? null;
      if (existing) locks = await locksFor(bizId, existing.relation);
    } catch (error) {
      if (!handleAuth(error)) add(section, back, errorPanel(error));
      return section;
    }

    if (!existing) {
      add(section, back, h('div', { class: 'error', role: 'alert' }, `${t('process')} ${processId}: ${t('notFound', instanceId, bizId)}`));
      return section;
    }
  }

  const title = existing ? t('editProcess', processId, existing.property.bk_process_name) : t('newProcess');
  section.dataset.title = title;
  const editor = processEditor({ property: existing?.property ?? null, locks, idPrefix: 'process' });
  const messages = h('div', { class: 'messages' });
  const save = h('button', { type: 'submit' }, existing ? t('save') : t('addProcess'));

  async function submit(event) {
    event.preventDefault();
    save.disabled = true;
    try {
      const info = editor.value();
      if (existing) {
        await call('update_process_instance', { bk_biz_id: bizId, processes: [{ ...info, bk_process_id: processId }] });
      } else {
        await call('create_process_instance', { bk_biz_id: bizId, service_instance_id: instanceId, processes: [{ process_info: info }] });
      }

      navigate(instancePath, existing ? t('saved') : t('created_'));
    } catch (error) {
      if (!handleAuth(error)) showFormError(error, messages, [editor]);
    } finally {
      save.disabled = false;
    }
  }

  add(section, 
    back,
    h('div', { class: 'title-row' }, h('h1', {}, title,
      existing && existing.relation.process_template_id !== 0
        ? h('span', { class: 'badge template' }, t('templateId', existing.relation.process_template_id)) : null)),
    locks ? h('p', { class: 'muted' }, t('templateProcessHelp')) : null,
    h('form', { class: 'process-form', novalidate: true, onsubmit: submit },
      editor.element,
      messages,
      h('div', { class: 'actions sticky' }, h('a', { class: 'button secondary', href: `#${instancePath}` }, t('cancel')), save)));
  return section;
}
