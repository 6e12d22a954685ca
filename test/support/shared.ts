// The project's shared materials (seeds, fixtures, data, references) sit beside the checkout in
// ../shared — on developer machines and in CI alike. ELIGO_SHARED_DIR overrides it.
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const SHARED_DIR = process.env.ELIGO_SHARED_DIR ?? resolve(REPO_ROOT, '..', 'shared');

