// @ts-check
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import preact from '@astrojs/preact';
import starlightLinksValidator from 'starlight-links-validator';
import { chapterIdFromPath, orderedChapterFiles } from './src/lib/site/chapter-id.ts';
import { satteri } from '@astrojs/markdown-satteri';
import { chapterSlugPlugin } from './src/lib/site/chapter-slug-plugin.ts';
import { headersForPath, parseHeadersFile } from './src/lib/site/headers.ts';
import { contentSecurityPolicy } from './src/integrations/csp.ts';
import { tfjsWasmThreads } from './src/integrations/tfjs-wasm-threads.ts';

// One source for response headers: the dev and preview servers send what public/_headers says.
const siteHeaders = headersForPath(parseHeadersFile(readFileSync('./public/_headers', 'utf8')), '/');

// The sidebar lists chapters in file-name order (NN-slug.mdx); Starlight takes labels from titles.
const chapters = orderedChapterFiles(readdirSync('./content/chapters')).map((f) => ({
  slug: chapterIdFromPath(f),
}));

// The canonical origin, for the sitemap and canonical links; the deploy workflow sets it.
// The site is served from a domain root: content links are root-relative (`/claims/`) and the
// links validator checks them as written, so a /<repo>/ base path is not supported (see README).
const site = process.env.SITE_URL;

// Starlight builds the Pagefind search UI on idle on every page (26 KB gzip). We swap in a class
// that loads it on the reader's intent instead (src/lib/site/pagefind-ui-on-intent.ts).
const pagefindUi = join(
  dirname(createRequire(import.meta.url).resolve('@pagefind/default-ui/package.json')),
  'npm_dist/mjs/ui-core.mjs',
);

export default defineConfig({
  ...(site ? { site } : {}),
  trailingSlash: 'always',
  // Applies to `astro dev` and `astro preview` alike.
  server: { headers: siteHeaders },
  markdown: {
    processor: satteri({
      hastPlugins: [chapterSlugPlugin(fileURLToPath(new URL('./content/chapters', import.meta.url)))],
    }),
  },
  vite: {
    // ES-module workers can code-split: each tfjs backend and experiment is its own chunk, loaded
    // only when a run needs it (the default iife format would inline all of them into one file).
    worker: { format: 'es', plugins: () => [tfjsWasmThreads()] },
    resolve: {
      alias: [
        {
          find: /^@pagefind\/default-ui$/,
          replacement: fileURLToPath(new URL('./src/lib/site/pagefind-ui-on-intent.ts', import.meta.url)),
        },
        { find: /^tfc-pagefind-ui-eager$/, replacement: pagefindUi },
      ],
    },
  },
  integrations: [
    starlight({
      title: 'TF1, TF2 & PyTorch, compared',
      description: 'An evidence-based, runnable comparison of TensorFlow 1, TensorFlow 2 (Keras) and PyTorch.',
      favicon: '/favicon.svg',
      lastUpdated: false,
      head: [
        // Registers a service worker that adds COOP/COEP on hosts that cannot set headers.
        // It does nothing where the page is already cross-origin isolated.
        { tag: 'script', attrs: { src: '/coi-serviceworker.min.js' } },
      ],
      sidebar: [
        { label: 'Introduction', link: '/' },
        { label: 'Chapters', items: chapters },
        { label: 'Reference', items: [{ slug: 'claims' }, { slug: 'results' }] },
      ],
      customCss: ['./src/styles/site.css'],
      components: { MarkdownContent: './components/site/MarkdownContent.astro' },
      // `/` always exists; claim anchors come from a component the validator cannot see, and
      // tests/unit/content.test.ts checks them against claims.yaml instead.
      plugins: [starlightLinksValidator({ errorOnLocalLinks: true, exclude: ['/', '/claims/#*'] })],
    }),
    preact(),
    contentSecurityPolicy(),
  ],
});
