import type { StoreFs } from '../../../src-main/json-store';

/** An in-memory file system for the JSON stores. */
export function memoryFs(files: Record<string, string> = {}): StoreFs & { files: Record<string, string> } {
  return {
    files,
    readFile: async (path) => {
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return text;
    },
    writeFile: async (path, data) => {
      files[path] = data;
    },
    rename: async (from, to) => {
      const text = files[from];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${from}`), { code: 'ENOENT' });
      files[to] = text;
      delete files[from];
    },
    mkdir: async () => undefined,
  };
}
