import { describe, expect, it } from 'vitest';
import { chapterIdFromPath, entriesInChapterOrder, orderedChapterFiles } from '../../src/lib/site/chapter-id.ts';

describe('chapter ids', () => {
  it('drops the ordering prefix and the extension', () => {
    expect(chapterIdFromPath('01-choosing-a-framework.mdx')).toBe('choosing-a-framework');
    expect(chapterIdFromPath('index.mdx')).toBe('index');
    expect(chapterIdFromPath('claims.md')).toBe('claims');
  });
  it('orders numbered chapters and leaves other pages out of the chapter list', () => {
    expect(orderedChapterFiles(['10-speed.mdx', 'index.mdx', '02-model-building.mdx', 'claims.mdx'])).toEqual([
      '02-model-building.mdx',
      '10-speed.mdx',
    ]);
  });
  it('orders collection entries the same way, by the file each came from', () => {
    const entry = (filePath?: string) => ({ id: filePath ?? 'none', filePath });
    const entries = [
      entry('content/chapters/10-speed.mdx'),
      entry('content/chapters/index.mdx'),
      entry('content/chapters/02-model-building.mdx'),
      entry('content/chapters/part/03-nested.mdx'),
      entry('elsewhere/01-other.mdx'),
      entry(),
    ];
    expect(entriesInChapterOrder(entries).map((e) => e.id)).toEqual([
      'content/chapters/02-model-building.mdx',
      'content/chapters/10-speed.mdx',
    ]);
  });
});

describe('the slug the links validator sees', () => {
  it('is the chapter id for files under content/chapters, and none for the home page or other files', async () => {
    const { validatorSlugFor } = await import('../../src/lib/site/chapter-slug-plugin.ts');
    expect(validatorSlugFor('/r/content/chapters', '/r/content/chapters/01-choosing-a-framework.mdx')).toBe(
      'choosing-a-framework',
    );
    expect(validatorSlugFor('/r/content/chapters', '/r/content/chapters/claims.mdx')).toBe('claims');
    expect(validatorSlugFor('/r/content/chapters', '/r/content/chapters/index.mdx')).toBeUndefined();
    expect(validatorSlugFor('/r/content/chapters', '/r/src/content/docs/other.mdx')).toBeUndefined();
  });
});
