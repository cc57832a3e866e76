// Puts the API's answer into words: its own message (in the browser's language), the code, the request
// id, and for 9900403 what permission is missing.
import { h } from './dom.js';
import { t, actionNames } from './i18n.js';
import { PermissionDenied } from './api.js';

/** A panel describing a failed call. */
export function errorPanel(error) {
  if (!error || error.code === undefined) {
    return h('div', { class: 'error', role: 'alert' }, String(error?.message ?? error));
  }

  if (error.code === 0 && !error.message) {
    return h('div', { class: 'error', role: 'alert' }, t('network'));
  }

  const lines = [h('p', { class: 'error-message' }, error.message || t('network'))];
  if (error.code === PermissionDenied) {
    lines.unshift(h('p', { class: 'error-title' }, t('permissionDenied')));
    lines.push(h('ul', { class: 'missing' }, missingPermissions(error.permission).map(text => h('li', {}, text))));
  }

  lines.push(h('p', { class: 'error-code' }, t('codeLine', error.code, error.requestId || '—')));
  return h('div', { class: 'error', role: 'alert', dataset: { code: String(error.code) } }, lines);
}

/** "Missing: create service instances (create_biz_service_instance) on 业务 (biz) 12", one per action. */
export function missingPermissions(permission) {
  const result = [];
  for (const action of permission?.actions ?? []) {
    const name = actionNames[action.id] ?? action.name ?? action.id;
    const resources = [];
    for (const type of action.related_resource_types ?? []) {
      for (const path of type.instances ?? []) {
        for (const instance of path ?? []) {
          resources.push(`${instance.type_name ?? type.type_name ?? ''} (${instance.type ?? type.type}) ${instance.id}`);
        }
      }
    }

    const system = permission.system_name ?? permission.system_id ?? '';
    result.push(t('missing', `${name} (${action.id})`, resources.join(', ') || system));
  }

  return result;
}

/**
 * The attribute an error names: messages quote it ('priority' ...) in both catalogues; a duplicate names
 * the fields in brackets. Null when the message names none.
 */
export function fieldOf(error, knownKeys) {
  const message = error?.message ?? '';
  const quoted = /'([A-Za-z_][\w.]*)'/.exec(message);
  if (quoted) return quoted[1];
  const bracket = /\[([^\]]*)\]/.exec(message);
  if (bracket) {
    const named = knownKeys.filter(key => new RegExp(`\\b${key}\\b`).test(bracket[1]));
    const preferred = named.find(key => key !== 'service_instance_id');
    if (preferred) return preferred;
  }

  return null;
}
