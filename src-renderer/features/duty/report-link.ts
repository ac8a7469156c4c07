import { emergencyReportPath } from '../../../src-shared/emergency/http-contract';
import { isRefusal, refusal, type Refusal } from '../../../src-shared/errors';
import type { Locale } from '../../../src-shared/i18n-text';

/**
 * Where the after-action report opens. A link in a new tab is all a browser needs, but a link
 * cannot carry headers: in the demo the caller rides along as `?as=` (as photo URLs do, and the
 * report's own photo links do too); a bearer token never goes into a URL, so a signed-in desk
 * fetches the page with its header and opens it from a blob instead (see `openReportWithToken`).
 */
export function reportHref(origin: string, caseId: string, locale: Locale, credentials: { as?: string; token?: string }): string | undefined {
  if (credentials.token) return undefined;
  const path = emergencyReportPath(caseId, locale === 'en' ? 'en' : 'zh');
  const who = credentials.as ? `${path.includes('?') ? '&' : '?'}as=${encodeURIComponent(credentials.as)}` : '';
  return `${origin}${path}${who}`;
}

/** The report fetched with the bearer token, as a blob URL for a new tab (its photos need the token too, so they do not show). */
export async function reportBlobUrl(origin: string, caseId: string, locale: Locale, token: string): Promise<string | Refusal> {
  try {
    const response = await fetch(`${origin}${emergencyReportPath(caseId, locale === 'en' ? 'en' : 'zh')}`, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) {
      const body: unknown = await response.json().catch(() => undefined);
      return isRefusal(body) ? body : refusal('INTERNAL', { detail: `HTTP ${response.status}` });
    }
    return URL.createObjectURL(new Blob([await response.text()], { type: 'text/html' }));
  } catch (error) {
    return refusal('INTERNAL', { detail: error instanceof Error ? error.message : String(error) });
  }
}
