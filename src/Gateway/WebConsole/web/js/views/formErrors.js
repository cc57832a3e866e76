// Puts an API error at the field it names. A batch's error does not say which process failed, so the
// first process whose value could be the one meant gets it; the banner above always has the message.
import { errorPanel, fieldOf } from '../errors.js';
import { processKeys } from '../processFields.js';

/**
 * <paramref name="editors"/> are process editors in request order; <paramref name="own"/> maps the keys
 * of the surrounding form (bk_module_id, ...) to { show(message), clear() }.
 */
export function showFormError(error, messages, editors, own = {}) {
  for (const editor of editors) editor.clearErrors();
  for (const slot of Object.values(own)) slot.clear();
  messages.replaceChildren(errorPanel(error));

  const key = fieldOf(error, [...processKeys, ...Object.keys(own)]);
  if (!key) return;
  if (own[key]) {
    own[key].show(error.message);
    return;
  }

  const target = editors.find(e => e.suspect(key, error.code, error.message ?? '')) ?? editors[0];
  target?.showError(key, error.message);
}
