import type { Logger } from 'pino';
import type { CaseService } from '../service/case-service';
import type { People } from '../service/people';

/** What an operator configures for intake; every field but the Open311 keys has a default. */
export interface IntakeOptions {
  /** Keys Open311 client apps send as `api_key` with POST requests.json. */
  open311ApiKeys: readonly string[];
  /** Keys the 12345 hotline system sends as `x-api-key` (an intake operator may also hand off, signed in). */
  hotlineApiKeys: readonly string[];
  /** Keys the camera gateways send as `x-api-key`. */
  cameraApiKeys: readonly string[];
  /** Per photo, before re-encoding. */
  maxPhotoBytes: number;
  maxPhotosPerReport: number;
  /** Long edge after re-encoding: enough to read a sign, not a face across the street. */
  photoLongEdgePx: number;
  /** Base of links handed to outside clients (Open311 media_url); default: the request's own Host. */
  publicOrigin?: string;
}

export const DEFAULT_INTAKE_OPTIONS: Omit<IntakeOptions, 'open311ApiKeys'> = {
  hotlineApiKeys: [],
  cameraApiKeys: [],
  maxPhotoBytes: 5 * 1024 * 1024,
  maxPhotosPerReport: 9,
  photoLongEdgePx: 2048,
};

export interface IntakeDepsInput {
  service: CaseService;
  people: People;
  logger: Logger;
  options: Partial<IntakeOptions> & Pick<IntakeOptions, 'open311ApiKeys'>;
}

export interface IntakeDeps extends Omit<IntakeDepsInput, 'options'> {
  options: IntakeOptions;
}

export function resolveIntakeDeps(input: IntakeDepsInput): IntakeDeps {
  return { ...input, options: { ...DEFAULT_INTAKE_OPTIONS, ...input.options } };
}
