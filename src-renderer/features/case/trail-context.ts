import type { BilingualText, Locale } from '../../../src-shared/i18n-text';
import type { StreetNames } from './case-format';

/** What the trail's words need from the window beyond the event (shared by trail-words and trail-emergency). */
export interface TrailContext {
  locale: Locale;
  /** A plan step's title by case and step id (from the case's emergency response), else the id is shown. */
  stepTitle?: (caseId: string, stepId: string) => BilingualText | undefined;
  streets?: StreetNames;
  /** Names this window knows, by user id. */
  people?: ReadonlyMap<string, string>;
  /** A case's number by id (duplicates name other cases), else the id. */
  caseNumber?: (caseId: string) => string | undefined;
}
