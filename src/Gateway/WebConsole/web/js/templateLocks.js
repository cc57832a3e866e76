// What a template locks in a process made from it (TEMPLATES.md, as_default_value): both names always;
// other fields and bind sub-fields when the process template flags them. Until a node serves
// get_proc_template, or when it cannot answer, every field is treated as locked: the API then refuses
// changes to template-made processes anyway.
import { call } from './api.js';
import { processFields, alwaysLocked, bindColumns } from './processFields.js';

const everything = () => ({
  fields: new Set(processFields.map(f => f.key)),
  bindLockOf: () => new Set(bindColumns),
  fixedRows: true,
  source: 'all',
});

/** Null for an ordinary process; else { fields, bindLockOf(row), fixedRows, source }. */
export async function locksFor(bizId, relation) {
  const templateId = relation?.process_template_id ?? 0;
  if (!templateId) return null;
  let template;
  try {
    template = await call('get_proc_template', { bk_biz_id: bizId, process_template_id: templateId });
  } catch {
    return everything();
  }

  const property = template?.property;
  if (!property || typeof property !== 'object') return everything();
  const fields = new Set(alwaysLocked);
  for (const field of processFields) {
    if (property[field.key]?.as_default_value === true) fields.add(field.key);
  }

  const rows = new Map();
  for (const row of property.bind_info?.value ?? []) {
    const locked = new Set(bindColumns.filter(column => row?.[column]?.as_default_value === true));
    rows.set(row?.row_id, locked);
  }

  return {
    fields,
    bindLockOf: row => rows.get(row.template_row_id) ?? new Set(),
    fixedRows: true,
    source: 'template',
  };
}
