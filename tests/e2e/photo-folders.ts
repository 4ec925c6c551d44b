// Folders of photo-like JPEGs for the scenarios that queue and run them.
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeImage } from '../fixtures.js';

export interface Folder {
  path: string;
  name: string;
  count: number;
}

/** `count` photos in `root/name`: distinct pixels for the first `distinct`, copies after that (cheap on 2 cores). */
export async function photoFolder(
  root: string,
  name: string,
  count: number,
  size: { width: number; height: number },
  distinct = count,
): Promise<Folder> {
  const path = join(root, name);
  const file = (i: number) => join(path, `${name.toLowerCase()}-${String(i + 1).padStart(2, '0')}.jpg`);
  await Promise.all(Array.from({ length: Math.min(distinct, count) }, (_, i) => makeImage(file(i), size)));
  for (let i = distinct; i < count; i++) await copyFile(file(0), file(i));
  return { path, name, count };
}
