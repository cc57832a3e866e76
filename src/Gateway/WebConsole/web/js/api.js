// Every action of the console is one ESB call: POST /api/c/compapi/v2/cc/<api>/ with the credentials in
// the X-Bkapi-Authorization header, so codes, limits and permissions are exactly the API's.
import { language } from './i18n.js';
import * as session from './session.js';

/** A failed call: the envelope's code, message and permission, or code 0 when nothing answered. */
export class ApiError extends Error {
  constructor(api, code, message, permission, requestId) {
    super(message);
    this.api = api;
    this.code = code;
    this.permission = permission ?? null;
    this.requestId = requestId ?? '';
  }
}

export const AppAuthFailed = 9900401;
export const PermissionDenied = 9900403;

/** Calls one API and answers its data; throws ApiError when the envelope says result: false. */
export async function call(api, body, credentials = session.current()) {
  const header = JSON.stringify({
    bk_app_code: credentials?.appCode ?? '',
    bk_app_secret: credentials?.appSecret ?? '',
    bk_username: credentials?.userName ?? '',
  });
  let response;
  try {
    response = await fetch(`/api/c/compapi/v2/cc/${api}/`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Bkapi-Authorization': header,
        'Blueking-Language': language,
      },
      body: JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(api, 0, '', null, '');
  }

  let envelope;
  try {
    envelope = await response.json();
  } catch {
    throw new ApiError(api, 0, `HTTP ${response.status}`, null, response.headers.get('X-Request-Id'));
  }

  if (!envelope || envelope.result !== true) {
    throw new ApiError(api, envelope?.code ?? 0, envelope?.message ?? '', envelope?.permission, envelope?.request_id);
  }

  return envelope.data;
}
