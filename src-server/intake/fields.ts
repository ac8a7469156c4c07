import { z } from 'zod';

/**
 * Field shapes shared by the intake bodies. Form and multipart values arrive as strings, JSON
 * as numbers: both are accepted, and an empty field counts as absent (an untouched form input).
 * The domain's own schema (commands.ts) still checks codes and ranges when the report is decided.
 */
const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

export const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional());

export const requiredText = (max: number) => z.string().trim().min(1).max(max);

export const optionalNumber = z.preprocess(
  (value) => {
    const v = blankToUndefined(value);
    return typeof v === 'string' ? Number(v) : v;
  },
  z.number().optional(),
);

/** An outside system's own id for the thing it sends (ticket, event): letters, digits, - _ . : */
export const externalId = z.string().trim().min(1).max(100).regex(/^[\w.:-]+$/);
