import { randomUUID } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';

/**
 * Replace `path` with `data` so that a reader (or a crash, or a full disk) sees either the old file
 * or the complete new one, never half of it: write a temp sibling on the same file system, flush
 * it to disk, then rename over the target (atomic on POSIX and on NTFS for files). The temp file
 * is removed if anything fails. Errors are the raw fs errors; callers name them for the user.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temp = `${path}.${randomUUID()}.tmp`;
  try {
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
