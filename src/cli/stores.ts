// Every command that needs the database opens it here, works through the repositories and closes it,
// so the lock on an embedded database is held only while the command runs.
import type { Stores } from '../store/index.ts';

export async function withStores<T>(work: (stores: Stores) => Promise<T>): Promise<T> {
  const [{ openEligo }, { createStores }] = await Promise.all([import('../runtime.ts'), import('../store/index.ts')]);
  const database = await openEligo();
  try {
    return await work(createStores(database.db));
  } finally {
    await database.close();
  }
}
