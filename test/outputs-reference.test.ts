import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../bench/generate.js';
import { analyze, contentHashOf } from '../src/build.js';
import { renderOutputs } from '../src/emit/outputs.js';
import { buildIndex } from '../src/index/documents.js';
import { loadKnowledgeBase } from '../src/load/load.js';
import { engine } from './helpers/build.js';
import { fixture, tempDir } from './helpers/kb.js';

/**
 * The engine writes its outputs piece by piece (claims.json claim by claim, index.json from its own
 * postings). The reference renders them whole: JSON.stringify of the analysed knowledge base, and the
 * index MiniSearch builds with addAll (serialized with its terms sorted). They must be the same bytes.
 */
describe('outputs written piece by piece', () => {
  it('are the bytes of the whole-knowledge-base rendering and of MiniSearch’s own index', async () => {
    const generated = tempDir();
    generate(100, generated);
    for (const root of [fixture('valid'), path.resolve(__dirname, '..'), generated]) {
      const out = tempDir();
      expect((await engine(root, out, { cache: false })).ok).toBe(true);
      const kb = await loadKnowledgeBase(root);
      const { claims, sources, report } = analyze(kb);
      const reference = renderOutputs({ claims, sources, report, index: buildIndex(claims, sources), contentHash: contentHashOf(kb) });
      for (const [name, text] of Object.entries(reference)) expect(readFileSync(path.join(out, name), 'utf8')).toBe(text);
    }
  }, 60_000);
});
