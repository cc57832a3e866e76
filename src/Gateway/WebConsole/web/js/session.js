// The signed-in app and user, kept in sessionStorage: gone when the tab closes, never in localStorage or a cookie.
const key = 'procorleans.console.session';
const recentKey = 'procorleans.console.businesses';

export function current() {
  try {
    const value = JSON.parse(sessionStorage.getItem(key) ?? 'null');
    return value && value.appCode ? value : null;
  } catch {
    return null;
  }
}

export function signIn(appCode, appSecret, userName) {
  sessionStorage.setItem(key, JSON.stringify({ appCode, appSecret, userName }));
}

export function signOut() {
  sessionStorage.removeItem(key);
}

/** Businesses opened in this tab, most recent first. */
export function recentBusinesses() {
  try {
    return JSON.parse(sessionStorage.getItem(recentKey) ?? '[]').filter(Number.isSafeInteger);
  } catch {
    return [];
  }
}

export function rememberBusiness(bizId) {
  const list = [bizId, ...recentBusinesses().filter(b => b !== bizId)].slice(0, 8);
  sessionStorage.setItem(recentKey, JSON.stringify(list));
}
