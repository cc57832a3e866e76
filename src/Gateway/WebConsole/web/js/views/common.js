// What every view does with an answer that is not about the page itself.
import { t } from '../i18n.js';
import { AppAuthFailed } from '../api.js';
import { signOut } from '../app.js';

/** A 9900401 mid-session (the secret was changed or revoked): sign out and say so. True when handled. */
export function handleAuth(error) {
  if (error?.code !== AppAuthFailed) return false;
  signOut(`${t('wrongSecret')} (${error.message})`);
  return true;
}
