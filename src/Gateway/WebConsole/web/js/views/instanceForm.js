// Creates a service instance with its processes in one create_service_instance call: all or nothing.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { call } from '../api.js';
import { navigate } from '../app.js';
import { handleAuth } from './common.js';
import { processEditor } from './processEditor.js';
import { showFormError } from './formErrors.js';

function numberOrText(text) {
  const trimmed = text.trim();
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

export function instanceFormView(bizId) {
  const messages = h('div', { class: 'messages' });
  const own = {};
  const field = (key, label, attrs, help) => {
    const input = h('input', { id: `instance-${key}`, name: key, autocomplete: 'off', ...attrs });
    const error = h('p', { class: 'field-error', id: `instance-${key}-error`, 'aria-live': 'polite' });
    input.setAttribute('aria-describedby', error.id);
    own[key] = {
      show: message => { error.textContent = message; input.setAttribute('aria-invalid', 'true'); input.focus(); },
      clear: () => { error.textContent = ''; input.removeAttribute('aria-invalid'); },
    };
    return { input, element: h('div', { class: 'field', dataset: { field: key } },
      h('label', { for: input.id }, label, h('code', {}, key)), input, help ? h('p', { class: 'muted small' }, help) : null, error) };
  };

  const module = field('bk_module_id', t('moduleId'), { inputmode: 'numeric', required: true });
  const host = field('bk_host_id', t('host'), { inputmode: 'numeric', required: true });
  const name = field('service_instance_name', t('instanceName'), {}, t('instanceNameHelp'));
  const editors = [];
  const list = h('div', { class: 'process-list' });
  let made = 0;

  function addEditor() {
    const index = made++;
    const editor = processEditor({ index, idPrefix: `p${index}` });
    const card = h('div', { class: 'card process-card' },
      h('div', { class: 'title-row' }, h('h3', {}), h('button', { type: 'button', class: 'link', onclick: () => {
        editors.splice(editors.indexOf(editor), 1);
        card.remove();
        renumber();
      } }, t('removeProcess'))),
      editor.element);
    editor.card = card;
    editors.push(editor);
    list.append(card);
    renumber();
  }

  function renumber() {
    editors.forEach((editor, i) => {
      editor.card.querySelector('h3').textContent = t('processN', i + 1);
      editor.element.dataset.processIndex = String(i);
    });
  }

  addEditor();
  const create = h('button', { type: 'submit' }, t('createInstance'));

  async function submit(event) {
    event.preventDefault();
    create.disabled = true;
    const instance = { bk_host_id: numberOrText(host.input.value) };
    if (name.input.value.trim()) instance.service_instance_name = name.input.value;
    instance.processes = editors.map(editor => ({ process_info: editor.value() }));
    try {
      const ids = await call('create_service_instance', {
        bk_biz_id: bizId, bk_module_id: numberOrText(module.input.value), instances: [instance],
      });
      navigate(`/biz/${bizId}/instance/${ids[0]}`, t('created_'));
    } catch (error) {
      if (!handleAuth(error)) showFormError(error, messages, editors, own);
    } finally {
      create.disabled = false;
    }
  }

  return h('section', { class: 'instance-form', dataset: { title: t('newInstance') } },
    h('a', { href: `#/biz/${bizId}`, class: 'back' }, `← ${t('back')}`),
    h('h1', {}, t('newInstance'), h('span', { class: 'muted' }, ` · ${t('business')} ${bizId}`)),
    h('form', { novalidate: true, onsubmit: submit },
      h('div', { class: 'card instance-fields' }, module.element, host.element, name.element),
      h('h2', {}, t('processes')),
      list,
      h('button', { type: 'button', class: 'secondary', onclick: addEditor }, t('addAnotherProcess')),
      messages,
      h('div', { class: 'actions sticky' }, h('a', { class: 'button secondary', href: `#/biz/${bizId}` }, t('cancel')), create)));
}
