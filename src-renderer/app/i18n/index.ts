import { createI18n } from 'vue-i18n';
import type { Locale } from '../../../src-shared/i18n-text';
import { caseDetailMessages } from '../../features/case/i18n';
import { queueMessages } from '../../features/queue/i18n';
import { kpiMessages } from '../../features/kpi/i18n';
import { videoMessages } from '../../features/video/i18n';
import { mapMessages } from '../../features/map/i18n';
import { wallMessages } from '../../features/wall/i18n';
import { dutyMessages } from '../../features/duty/i18n';
import { intakeMessages } from '../../features/intake/i18n';
import { finderMessages } from '../../features/case-finder/i18n';
import { en } from './en';
import { zhCN } from './zh-CN';

export const DESK_LOCALES: readonly Locale[] = ['zh-CN', 'en'];

const STORAGE_KEY = 'desk.locale';

/** The language a window starts in: the operator's last choice on this machine, else Chinese. */
export function initialLocale(stored: string | null): Locale {
  return stored === 'en' || stored === 'zh-CN' ? stored : 'zh-CN';
}

export function rememberLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Storage can be disabled (kiosk profiles); the choice then lasts for this window only.
  }
}

function storedLocale(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/**
 * Each feature keeps its texts in its own folder (features/<name>/i18n.ts, one namespace);
 * the shell's texts live here. Both languages must have the same keys (a unit test checks).
 */
export const DESK_MESSAGES = {
  'zh-CN': { ...zhCN, queue: queueMessages.zh, caseDetail: caseDetailMessages.zh, video: videoMessages.zh, kpi: kpiMessages.zh, map: mapMessages.zh, wall: wallMessages.zh, duty: dutyMessages.zh, intake: intakeMessages.zh, finder: finderMessages.zh },
  en: { ...en, queue: queueMessages.en, caseDetail: caseDetailMessages.en, video: videoMessages.en, kpi: kpiMessages.en, map: mapMessages.en, wall: wallMessages.en, duty: dutyMessages.en, intake: intakeMessages.en, finder: finderMessages.en },
};

export type DeskMessages = (typeof DESK_MESSAGES)['zh-CN'];

export function createDeskI18n() {
  return createI18n<[DeskMessages], Locale, false>({
    legacy: false,
    locale: initialLocale(storedLocale()),
    fallbackLocale: 'zh-CN',
    messages: DESK_MESSAGES as Record<Locale, DeskMessages>,
  });
}
