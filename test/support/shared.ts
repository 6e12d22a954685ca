// The project's shared materials (seeds, fixtures, data, references) sit beside the checkout in
// ../shared — on developer machines and in CI alike. ELIGO_SHARED_DIR overrides it. A test that needs
// them fails at once with the path it looked for, not with an ENOENT from somewhere inside it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const SHARED_DIR = process.env.ELIGO_SHARED_DIR ?? resolve(REPO_ROOT, '..', 'shared');

if (!existsSync(SHARED_DIR)) {
  throw new Error(`this test needs the shared materials at ${SHARED_DIR}, which is missing: put the project's shared/ folder beside the checkout, or set ELIGO_SHARED_DIR to where it is`);
}

/** A path inside the shared materials, checked: a missing file is named with the path it was looked for at. */
export function sharedPath(...parts: string[]): string {
  const path = join(SHARED_DIR, ...parts);
  if (!existsSync(path)) throw new Error(`this test needs ${path} from the shared materials, which is missing (shared folder: ${SHARED_DIR}; ELIGO_SHARED_DIR overrides it)`);
  return path;
}
