import { z } from 'zod';
import { jsonStore, type StoreFs } from './json-store';
import { arrangedWindowSchema, type Arrangement, type ProfileId } from './profiles';

/**
 * The remembered arrangements: `desk-layout.json` in userData, one arrangement per profile and
 * display set (`displaySetKey`). Unknown or broken files start empty rather than stop the desk.
 */
const layoutSchema = z.object({
  version: z.literal(1),
  arrangements: z.record(z.string(), z.array(arrangedWindowSchema)),
});
type LayoutFile = z.infer<typeof layoutSchema>;

export function arrangementKey(profile: ProfileId, displayKey: string): string {
  return `${profile}@${displayKey}`;
}

export interface LayoutStore {
  load(): Promise<string | undefined>;
  get(profile: ProfileId, displayKey: string): Arrangement | undefined;
  set(profile: ProfileId, displayKey: string, arrangement: Arrangement): Promise<void>;
}

export function layoutStore(path: string, fs: StoreFs): LayoutStore {
  const file = jsonStore({ path, schema: layoutSchema, fs, fallback: (): LayoutFile => ({ version: 1, arrangements: {} }) });
  let current: LayoutFile = { version: 1, arrangements: {} };
  return {
    async load() {
      const { value, problem } = await file.read();
      current = value;
      return problem;
    },
    get(profile, displayKey) {
      return current.arrangements[arrangementKey(profile, displayKey)];
    },
    set(profile, displayKey, arrangement) {
      current = { ...current, arrangements: { ...current.arrangements, [arrangementKey(profile, displayKey)]: [...arrangement] } };
      return file.write(current);
    },
  };
}
