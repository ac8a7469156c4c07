import { dirname } from 'node:path';
import type { z } from 'zod';

/**
 * A tiny JSON file with a schema: read → validated value (or the fallback, with the reason), write
 * → atomically (temp file + rename), so a crash mid-write never leaves half a file. The file
 * system is injected: tests pass an in-memory one.
 */
export interface StoreFs {
  readFile(path: string, encoding: 'utf8'): Promise<string>;
  writeFile(path: string, data: string, encoding: 'utf8'): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
}

export type ReadResult<T> = { value: T; problem?: string };

export interface JsonStore<T> {
  readonly path: string;
  read(): Promise<ReadResult<T>>;
  write(value: T): Promise<void>;
}

export function jsonStore<S extends z.ZodType>(options: { path: string; schema: S; fallback: () => z.infer<S>; fs: StoreFs }): JsonStore<z.infer<S>> {
  const { path, schema, fallback, fs } = options;
  // Writes are chained so two quick saves land in order.
  let writing: Promise<void> = Promise.resolve();
  return {
    path,
    async read() {
      let text: string;
      try {
        text = await fs.readFile(path, 'utf8');
      } catch (error) {
        if ((error as { code?: unknown }).code === 'ENOENT') return { value: fallback() };
        return { value: fallback(), problem: `${path}: ${String(error)}` };
      }
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch {
        return { value: fallback(), problem: `${path}: not valid JSON` };
      }
      const parsed = schema.safeParse(data);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
        return { value: fallback(), problem: `${path}: ${issues}` };
      }
      return { value: parsed.data as z.infer<S> };
    },
    write(value) {
      const next = writing.then(async () => {
        await fs.mkdir(dirname(path), { recursive: true });
        const temp = `${path}.tmp`;
        await fs.writeFile(temp, `${JSON.stringify(value, null, 2)}\n`, 'utf8');
        await fs.rename(temp, path);
      });
      writing = next.catch(() => undefined);
      return next;
    },
  };
}
