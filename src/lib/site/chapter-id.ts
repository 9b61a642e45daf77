/**
 * Route id of a chapter file: `03-model-building.mdx` -> `model-building`, `index.mdx` -> `index`.
 * The numeric prefix only orders the sidebar; it never shows in a URL.
 */
export function chapterIdFromPath(relativePath: string): string {
  return relativePath
    .replace(/\.mdx?$/, '')
    .split('/')
    .map((part) => part.replace(/^\d+-/, ''))
    .join('/')
    .toLowerCase();
}

/** Chapter files (numbered) in sidebar order, given the file names of content/chapters. */
export function orderedChapterFiles(fileNames: readonly string[]): string[] {
  return fileNames.filter((name) => /^\d+-[\w-]+\.mdx?$/.test(name)).sort();
}

/**
 * Collection entries of the numbered chapters in sidebar order, so a list built from the
 * collection orders them as astro.config.mjs does. `filePath` is the loader's path from the
 * project root; entries in sub-folders are left out, as the sidebar leaves them out.
 */
export function entriesInChapterOrder<T extends { filePath?: string | undefined }>(
  entries: readonly T[],
  folder = 'content/chapters',
): T[] {
  const prefix = `${folder.replace(/\/$/, '')}/`;
  const byName = new Map<string, T>();
  for (const entry of entries)
    if (entry.filePath?.startsWith(prefix)) byName.set(entry.filePath.slice(prefix.length), entry);
  return orderedChapterFiles([...byName.keys()]).map((name) => byName.get(name)!);
}
