// How the service is configured, as far as the page needs it (GET /dashboard/settings.json).
let current = { verifiedHeadline: false };

/** Loads the settings once per sign-in; on failure the page keeps the plain totals. */
export async function loadSettings() {
  const response = await fetch('./settings.json', { headers: { Accept: 'application/json' } }).catch(() => null);
  if (response?.ok) current = await response.json();
}

/** With widget tokens configured, verified figures are the headline and the totals stand beside them. */
export const verifiedHeadline = () => current.verifiedHeadline === true;
