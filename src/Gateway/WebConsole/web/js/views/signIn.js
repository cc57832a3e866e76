// Sign-in: an app code, its secret and the acting user, checked by one read call before they are kept.
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { call, AppAuthFailed } from '../api.js';
import { errorPanel } from '../errors.js';
import * as session from '../session.js';
import { navigate } from '../app.js';

export function signInView(notice) {
  const previous = session.current();
  const appCode = h('input', { id: 'app-code', name: 'app_code', required: true, autocomplete: 'username', value: previous?.appCode ?? '' });
  const appSecret = h('input', { id: 'app-secret', name: 'app_secret', type: 'password', required: true, autocomplete: 'current-password' });
  const userName = h('input', { id: 'user-name', name: 'user_name', autocomplete: 'off', value: previous?.userName ?? '' });
  const message = h('div', { class: 'messages' }, notice ? h('div', { class: 'notice', role: 'status' }, notice) : null);
  const button = h('button', { type: 'submit' }, t('signIn'));

  async function submit(event) {
    event.preventDefault();
    button.disabled = true;
    const credentials = { appCode: appCode.value.trim(), appSecret: appSecret.value, userName: userName.value.trim() };
    try {
      // Any read authenticates the app; it needs no permission and changes nothing.
      await call('list_service_instance', { bk_biz_id: 1, page: { start: 0, limit: 1 } }, credentials);
      session.signIn(credentials.appCode, credentials.appSecret, credentials.userName);
      const recent = session.recentBusinesses()[0];
      navigate(recent ? `/biz/${recent}` : '/');
    } catch (error) {
      replace(message, error.code === AppAuthFailed
        ? h('div', { class: 'error', role: 'alert', dataset: { code: String(error.code) } },
          h('p', { class: 'error-title' }, t('wrongSecret')),
          h('p', { class: 'error-message' }, error.message),
          h('p', { class: 'error-code' }, t('codeLine', error.code, error.requestId)))
        : errorPanel(error));
      appSecret.select();
    } finally {
      button.disabled = false;
    }
  }

  return h('section', { class: 'card narrow sign-in', dataset: { title: t('signIn') } },
    h('h1', {}, t('signIn')),
    h('form', { onsubmit: submit },
      h('div', { class: 'field' }, h('label', { for: 'app-code' }, t('appCode')), appCode),
      h('div', { class: 'field' }, h('label', { for: 'app-secret' }, t('appSecret')), appSecret),
      h('div', { class: 'field' }, h('label', { for: 'user-name' }, t('userName')), userName),
      message,
      h('div', { class: 'actions' }, button)),
    h('p', { class: 'muted small' }, t('signInHelp')));
}
