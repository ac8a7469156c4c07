import { categoryByCode } from '../../../src-shared/catalog/categories';
import { parseGridCode } from '../../../src-shared/codes';
import { isCallerPhone, type DeskCaller, type ReportRequest } from '../../../src-shared/contract/socket';
import type { LonLat } from '../../../src-shared/domain/case';

/**
 * The intake desk's form (新建案卷 / 来电登记) as data: what the operator typed, checked field
 * by field with the service's own rules, and turned into the `case:report` request. Pure, so
 * every message the form can show is tested without a browser.
 */
export interface IntakeValues {
  callerName: string;
  callerPhone: string;
  categoryCode: string;
  gridCode: string;
  address: string;
  /** A point picked on the city map (district datum); cleared when the grid code is edited. */
  point: LonLat | null;
  description: string;
  urgent: boolean;
  photoCount: number;
}

export type IntakeField = 'callerName' | 'callerPhone' | 'categoryCode' | 'gridCode' | 'address' | 'description' | 'photos';

/** What is wrong with a field: the key of its message under `intake.problems.*`. */
export type IntakeProblem =
  | 'categoryRequired'
  | 'categoryUnknown'
  | 'placeRequired'
  | 'gridMalformed'
  | 'gridOtherDistrict'
  | 'descriptionRequired'
  | 'tooLong'
  | 'phoneMalformed'
  | 'tooManyPhotos';

export type IntakeProblems = Partial<Record<IntakeField, IntakeProblem>>;

/** The longest texts the service takes (commands.ts, deskCallerSchema). */
export const INTAKE_LIMITS = { callerName: 50, address: 200, description: 2000, photos: 9 } as const;

export function emptyIntake(): IntakeValues {
  return { callerName: '', callerPhone: '', categoryCode: '', gridCode: '', address: '', point: null, description: '', urgent: false, photoCount: 0 };
}

/** Digits only: operators paste codes with spaces (1101 0100 1001 01). */
export function normalisedGridCode(text: string): string {
  return text.replace(/[\s-]/g, '');
}

/**
 * The grid code's own problem, if any: its shape (14 digits, a real county, no zero parts) and
 * that it lies in this district (`countyCode`, the district's 6 digits). Whether such a grid
 * exists is the service's answer (UNKNOWN_GRID), shown beside the same field.
 */
export function gridCodeProblem(text: string, countyCode: string | undefined): IntakeProblem | undefined {
  const code = normalisedGridCode(text);
  if (code.length === 0) return undefined;
  if (!parseGridCode(code).ok) return 'gridMalformed';
  if (countyCode !== undefined && !code.startsWith(countyCode)) return 'gridOtherDistrict';
  return undefined;
}

export type IntakeCheck = { ok: true; request: Omit<ReportRequest, 'commandId'> } | { ok: false; problems: IntakeProblems };

/** Every problem at once (a person fixes them in one go), or the request to send. */
export function checkIntake(v: IntakeValues, countyCode: string | undefined): IntakeCheck {
  const problems: IntakeProblems = {};
  const name = v.callerName.trim();
  const phone = v.callerPhone.trim();
  if (name.length > INTAKE_LIMITS.callerName) problems.callerName = 'tooLong';
  if (phone.length > 0 && !isCallerPhone(phone)) problems.callerPhone = 'phoneMalformed';
  if (v.categoryCode.length === 0) problems.categoryCode = 'categoryRequired';
  else if (!categoryByCode(v.categoryCode)) problems.categoryCode = 'categoryUnknown';
  const gridCode = normalisedGridCode(v.gridCode);
  const gridProblem = gridCodeProblem(gridCode, countyCode);
  if (gridProblem) problems.gridCode = gridProblem;
  else if (gridCode.length === 0 && v.point === null) problems.gridCode = 'placeRequired';
  const address = v.address.trim();
  if (address.length > INTAKE_LIMITS.address) problems.address = 'tooLong';
  const description = v.description.trim();
  if (description.length === 0) problems.description = 'descriptionRequired';
  else if (description.length > INTAKE_LIMITS.description) problems.description = 'tooLong';
  if (v.photoCount > INTAKE_LIMITS.photos) problems.photos = 'tooManyPhotos';
  if (Object.keys(problems).length > 0) return { ok: false, problems };

  const caller: DeskCaller = { ...(name ? { name } : {}), ...(phone ? { phone } : {}) };
  return {
    ok: true,
    request: {
      payload: {
        categoryCode: v.categoryCode,
        // A call or a walk-in at the desk: the phone channel (walk-ins have no channel of their own).
        channel: 'hotline',
        description,
        ...(v.point ? { lon: v.point.lon, lat: v.point.lat } : {}),
        ...(gridCode ? { gridCode } : {}),
        ...(address ? { address } : {}),
        photoIds: [],
        ...(v.urgent ? { urgent: true } : {}),
      },
      ...(Object.keys(caller).length > 0 ? { caller } : {}),
    },
  };
}

/** Enough to ask "is this already reported?": a category and a place the form accepts. */
export function duplicateProbe(v: IntakeValues, countyCode: string | undefined): { categoryCode: string; gridCode?: string; lon?: number; lat?: number } | undefined {
  if (!categoryByCode(v.categoryCode)) return undefined;
  const gridCode = normalisedGridCode(v.gridCode);
  const gridOk = gridCode.length > 0 && gridCodeProblem(gridCode, countyCode) === undefined;
  if (!gridOk && !v.point) return undefined;
  return { categoryCode: v.categoryCode, ...(gridOk ? { gridCode } : {}), ...(v.point ? { lon: v.point.lon, lat: v.point.lat } : {}) };
}
