import { hash, verify } from '@node-rs/argon2';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../src-shared/contract/accounts';
import { refusal, type Refusal } from '../../src-shared/errors';

/**
 * Passwords are kept only as argon2id hashes (the library's defaults: 19 MiB, 2 passes — OWASP's
 * recommended minimum), each with its own salt inside the PHC string.
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function passwordMatches(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false; // a damaged hash lets nobody in
  }
}

/** Compared against when the username is unknown, so both answers take as long (no user enumeration by timing). */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hash('decoy password that matches nothing');
  return decoy;
}

/** Length is what makes a password hard to guess; composition rules mostly make people write it down. */
export function passwordProblem(password: string): Refusal | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return refusal('WEAK_PASSWORD', { min: MIN_PASSWORD_LENGTH });
  if (password.length > MAX_PASSWORD_LENGTH) return refusal('VALIDATION_FAILED', { detail: `password: at most ${MAX_PASSWORD_LENGTH} characters` });
  return null;
}
