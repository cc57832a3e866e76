// The full attribute set of one process as a form. It sends what the person typed (numbers as numbers,
// anything else as typed) and lets the API judge it; the API's message is shown at the field it names.
import { h } from '../dom.js';
import { t, fieldLabels } from '../i18n.js';
import { processFields, bindInfoKey } from '../processFields.js';
import { bindEditor } from './bindTable.js';

const sections = ['basic', 'run', 'commands', 'numbers'];

/**
 * <paramref name="property"/> is the stored process (null for a new one); <paramref name="locks"/> says
 * what a template locks: { fields: Set of keys, bindLockOf(row) → Set of sub-fields, fixedRows }.
 */
export function processEditor({ property = null, locks = null, index = 0, idPrefix = 'p0' } = {}) {
  const inputs = new Map();
  const errors = new Map();
  const lockedFields = locks?.fields ?? new Set();

  const fieldsBySection = sections.map(section => h('fieldset', { class: `section ${section}` },
    h('legend', {}, t('sections')[section]),
    processFields.filter(f => f.section === section).map(field => fieldRow(field))));

  function fieldRow(field) {
    const id = `${idPrefix}-${field.key}`;
    const stored = property ? property[field.key] : undefined;
    const locked = lockedFields.has(field.key);
    let input;
    if (field.type === 'bool') {
      input = h('input', { id, name: field.key, type: 'checkbox', checked: stored === true, disabled: locked });
    } else if (field.type === 'text') {
      input = h('textarea', { id, name: field.key, rows: 1, readOnly: locked, spellcheck: 'false' });
      input.value = stored ?? '';
    } else {
      input = h('input', {
        id, name: field.key, value: stored ?? '', readOnly: locked, autocomplete: 'off', spellcheck: 'false',
        inputmode: field.type === 'int' ? 'numeric' : undefined,
      });
    }

    const error = h('p', { class: 'field-error', id: `${id}-error`, 'aria-live': 'polite' });
    input.setAttribute('aria-describedby', error.id);
    inputs.set(field.key, { input, field, stored, initial: field.type === 'bool' ? input.checked : input.value });
    errors.set(field.key, { error, input });
    return h('div', { class: `field ${field.type}${locked ? ' locked' : ''}`, dataset: { field: field.key } },
      h('label', { for: id }, fieldLabels[field.key] ?? field.key, field.required ? h('span', { class: 'required' }, ' *') : null,
        h('code', {}, field.key), locked ? h('span', { class: 'badge lock', title: t('locked') }, t('lockedShort')) : null),
      input, error);
  }

  const bind = bindEditor(property ? property[bindInfoKey] : undefined, {
    lockOf: locks?.bindLockOf ?? (() => new Set()), fixedRows: locks?.fixedRows ?? false,
  });
  const bindError = h('p', { class: 'field-error', id: `${idPrefix}-bind_info-error`, 'aria-live': 'polite' });
  errors.set(bindInfoKey, { error: bindError, input: bind.element });

  const element = h('div', { class: 'process-editor', dataset: { processIndex: String(index) } },
    fieldsBySection,
    h('fieldset', { class: 'section bind', dataset: { field: bindInfoKey } },
      h('legend', {}, t('bindInfo'), h('code', {}, bindInfoKey)), bind.element, bindError));

  function valueOf({ input, field, stored, initial }) {
    if (field.type === 'bool') {
      return stored === null && input.checked === initial ? null : input.checked;
    }

    const text = input.value;
    if (stored === null && text === initial) return null;
    if (field.type !== 'int') return text;
    const trimmed = text.trim();
    if (trimmed === '') return null;
    // Anything that is not a plain number goes as typed, so that the API names the mistake.
    return /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(trimmed) ? Number(trimmed) : text;
  }

  return {
    element,
    /** The process_info to send. */
    value() {
      const info = {};
      for (const entry of inputs.values()) info[entry.field.key] = valueOf(entry);
      info[bindInfoKey] = bind.value();
      return info;
    },
    clearErrors() {
      for (const { error, input } of errors.values()) {
        error.textContent = '';
        input.removeAttribute('aria-invalid');
      }
    },
    /** Shows a message at the field; false when this form has no such field. */
    showError(key, message) {
      const slot = errors.get(key);
      if (!slot) return false;
      slot.error.textContent = message;
      slot.input.setAttribute('aria-invalid', 'true');
      slot.error.scrollIntoView({ block: 'center' });
      if (typeof slot.input.focus === 'function' && slot.input.tagName !== 'DIV') slot.input.focus();
      return true;
    },
    /** Whether this form's value for a key could be the one an error of <paramref name="code"/> means. */
    suspect(key, code, message) {
      if (key === bindInfoKey) return bind.hasRows();
      const entry = inputs.get(key);
      if (!entry) return false;
      const value = valueOf(entry);
      if (code === 1199010) return value === null || String(value).trim() === '';
      if (code === 1199014) return typeof value === 'string' && value.trim() !== '' && message.includes(`"${value.trim()}"`);
      if (code === 1199009) return typeof value === 'string' || (typeof value === 'number' && !Number.isInteger(value));
      return value !== null && value !== '' && value !== false;
    },
  };
}
