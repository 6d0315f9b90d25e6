// The private API, called with the token the merchant entered (kept for this tab only).
const TOKEN_KEY = 'widget-insights.token';

export const token = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (value) => sessionStorage.setItem(TOKEN_KEY, value),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** Fired on window when the API answers 401: main.js then asks for a token again. */
export const UNAUTHORIZED_EVENT = 'dashboard:unauthorized';

/** GET /api/<path> as JSON. Empty parameters are left out; a problem+json answer becomes an Error with its detail. */
export async function getJson(path, params = {}) {
  const query = new URLSearchParams(Object.entries(params).filter(([, value]) => value !== undefined && value !== null && value !== ''));
  // Relative to the page (/dashboard/): the page needs no configured API origin.
  const url = `../api/${path}${query.toString() ? `?${query}` : ''}`;
  const response = await fetch(url, { headers: { Accept: 'application/json', Authorization: `Bearer ${token.get() ?? ''}` } });
  if (response.status === 401) {
    token.clear();
    window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
    throw new Error('The API refused the token.');
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const fields = (body?.errors ?? []).map((e) => e.message).join('; ');
    throw new Error([body?.detail ?? `The API answered ${response.status}.`, fields].filter(Boolean).join(' '));
  }
  return body;
}
