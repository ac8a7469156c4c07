import type { Role } from './domain/roles';
import type { BilingualText } from './i18n-text';

/**
 * Reporters' personal data as every screen shows it: masked. The clear text leaves the service
 * only through the logged "reveal" request; this module is what the service and the renderer both
 * use, so a phone number looks the same (138****1234) wherever it appears.
 */

/** Who may reveal a reporter's contact (and is logged when they do): the centres' desks. */
export const REVEAL_ROLES: readonly Role[] = ['intake', 'dispatcher', 'duty'];

/** Where a contact came from, in words for the screens. */
export const CONTACT_SOURCE_NAMES: Record<string, BilingualText> = {
  'hotline-12345': { zh: '12345热线', en: '12345 hotline' },
  open311: { zh: '市民APP（Open311）', en: 'Citizen app (Open311)' },
  'intake-desk': { zh: '受理台登记（来电/来访）', en: 'Intake desk (call or walk-in)' },
};

/** A reporter's contact as stored apart from the case (reporter_contacts). */
export interface ReporterContact {
  name?: string;
  phone?: string;
  email?: string;
  /** Where it came from: 'hotline-12345', 'open311', … */
  source: string;
}

/**
 * 13812341234 → 138****1234; +86 138 1234 1234 → 138****1234; 010-65123456 → 010****3456.
 * Only digits are kept (the mask must not leak the separators' layout). Short numbers keep
 * their last two digits at most, so a 6-digit extension is not shown nearly whole.
 */
export function maskPhone(phone: string): string {
  let digits = phone.replace(/\D/g, '');
  // The country code says nothing about the person; dropping it keeps mainland mobiles 11 digits.
  if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
  if (digits.length === 0) return '';
  if (digits.length >= 7) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  const shown = Math.min(2, digits.length - 1);
  return `${'*'.repeat(digits.length - shown)}${digits.slice(digits.length - shown)}`;
}

/**
 * 张三 → 张*, 欧阳娜娜 → 欧***, Li Wei → L*****: the first character (the family name in
 * Chinese order) and a star per hidden character, as Chinese public services print names.
 */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  const first = chars[0];
  if (first === undefined) return '';
  return first + '*'.repeat(Math.max(1, chars.length - 1));
}

/** wang.wei@example.com → w***@example.com; the domain stays (it is rarely personal). */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return maskName(email);
  return `${Array.from(email)[0]}***${email.slice(at)}`;
}

/** The contact as every screen shows it. */
export function maskContact(contact: ReporterContact): ReporterContact {
  return {
    source: contact.source,
    ...(contact.name ? { name: maskName(contact.name) } : {}),
    ...(contact.phone ? { phone: maskPhone(contact.phone) } : {}),
    ...(contact.email ? { email: maskEmail(contact.email) } : {}),
  };
}
