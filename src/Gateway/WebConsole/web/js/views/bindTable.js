// The bind rows of a process: read-only as a table, or editable row by row.
import { h, replace } from '../dom.js';
import { t, protocols } from '../i18n.js';

/** A read-only table of bind rows. */
export function bindTable(rows) {
  if (!Array.isArray(rows) || rows.length === 0) return h('p', { class: 'muted' }, t('noRows'));
  return h('table', { class: 'bind' },
    h('thead', {}, h('tr', {}, ['ip', 'port', 'protocol', 'enable', 'templateRow'].map(k => h('th', {}, t(k))))),
    h('tbody', {}, rows.map(row => h('tr', {},
      h('td', {}, row.ip ?? ''),
      h('td', {}, row.port ?? ''),
      h('td', {}, protocols[row.protocol] ?? row.protocol ?? ''),
      h('td', {}, row.enable === true ? t('yes') : row.enable === false ? t('no') : t('nullValue')),
      h('td', {}, row.template_row_id ?? '')))));
}

/**
 * An editable table of bind rows. <paramref name="lockOf"/> tells, per row, which sub-fields a template
 * locks; <paramref name="fixedRows"/> forbids adding and removing rows (a template decides them).
 */
export function bindEditor(initial, { lockOf = () => new Set(), fixedRows = false } = {}) {
  const original = initial;
  let rows = Array.isArray(initial) ? initial.map(row => ({ ...row })) : [];
  let touched = false;
  const body = h('tbody');
  const table = h('table', { class: 'bind edit' },
    h('thead', {}, h('tr', {}, ['ip', 'port', 'protocol', 'enable', 'templateRow'].map(k => h('th', {}, t(k))), h('th'))),
    body);
  const addButton = h('button', { type: 'button', class: 'secondary small', disabled: fixedRows, onclick: () => {
    rows.push({ enable: false, ip: '', port: '', protocol: '1' });
    touched = true;
    render();
    body.lastElementChild?.querySelector('[name="port"]')?.focus();
  } }, t('addRow'));

  function render() {
    replace(body, rows.length === 0
      ? h('tr', {}, h('td', { colspan: 6, class: 'muted' }, t('noRows')))
      : rows.map((row, index) => rowEditor(row, index)));
  }

  function rowEditor(row, index) {
    const locked = lockOf(row);
    const change = (name, value) => { row[name] = value; touched = true; };
    const text = name => h('input', {
      name, value: row[name] ?? '', readOnly: locked.has(name), 'aria-label': `${t(name)} ${index + 1}`,
      oninput: e => change(name, e.target.value),
    });
    const protocol = h('select', { name: 'protocol', disabled: locked.has('protocol'), 'aria-label': `${t('protocol')} ${index + 1}`,
      onchange: e => change('protocol', e.target.value || null) },
      h('option', { value: '' }, '—'),
      Object.entries(protocols).map(([value, label]) => h('option', { value, selected: String(row.protocol) === value }, label)));
    const enable = h('input', { type: 'checkbox', name: 'enable', checked: row.enable === true, disabled: locked.has('enable'),
      'aria-label': `${t('enable')} ${index + 1}`, onchange: e => change('enable', e.target.checked) });
    return h('tr', {},
      h('td', {}, text('ip')), h('td', {}, text('port')), h('td', {}, protocol), h('td', {}, enable),
      h('td', { class: 'muted' }, row.template_row_id ?? ''),
      h('td', {}, h('button', { type: 'button', class: 'link', disabled: fixedRows, onclick: () => {
        rows.splice(index, 1);
        touched = true;
        render();
      } }, t('removeRow'))));
  }

  render();
  return {
    element: h('div', { class: 'bind-editor' }, table, addButton),
    hasRows: () => rows.length > 0,
    /** The rows to send: the stored null stays null while nothing was added. */
    value() {
      if (!touched && original === null) return null;
      if (!touched && original === undefined) return null;
      return rows.map(row => {
        const out = { enable: row.enable ?? null, ip: row.ip ?? '', port: row.port ?? '', protocol: row.protocol ?? null };
        if (row.template_row_id !== undefined && row.template_row_id !== null) out.template_row_id = row.template_row_id;
        return out;
      });
    },
  };
}
