import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';

describe('public API', () => {
  it('exports exactly these names', () => {
    expect(Object.keys(api).sort()).toMatchInlineSnapshot(`
      [
        "ClaimSchema",
        "ClaimkbError",
        "FLAGS",
        "INDEX_FORMAT_VERSION",
        "MINISEARCH_OPTIONS",
        "OPTIONS_HASH",
        "RELIABILITY",
        "SCHEMA_VERSION",
        "SOURCE_KINDS",
        "STANCES",
        "SourceSchema",
        "TOOL_VERSION",
        "VERDICTS",
        "analyze",
        "assessSupport",
        "build",
        "buildIndex",
        "buildReport",
        "check",
        "compareDiagnostics",
        "contentHashOf",
        "formatDiagnostic",
        "formatReport",
        "loadKnowledgeBase",
        "matchQuote",
        "openCheckKb",
        "openIndex",
        "parseFile",
        "parseIndexFile",
        "prepareSource",
        "queryTerms",
        "searchIndex",
        "serializeIndex",
        "writeAtomically",
      ]
    `);
  });

  it('keeps TOOL_VERSION in step with package.json', () => {
    const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '..', 'package.json'), 'utf8')) as { version: string };
    expect(api.TOOL_VERSION).toBe(pkg.version);
  });

  it('documents every export of src/index.ts with JSDoc at its declaration', () => {
    const srcDir = path.resolve(__dirname, '..', 'src');
    const index = readFileSync(path.join(srcDir, 'index.ts'), 'utf8');
    const missing: string[] = [];
    for (const m of index.matchAll(/export (?:type )?\{([^}]*)\} from '\.\/(.*?)\.js'/g)) {
      const text = readFileSync(path.join(srcDir, `${m[2]}.ts`), 'utf8');
      for (const raw of m[1]!.split(',')) {
        const name = raw.replace(/^\s*type\s+/, '').trim();
        if (!name) continue;
        const decl = new RegExp(`\\*/\\s*\\n(?:export )(?:async )?(?:function|const|class|interface|type) ${name}\\b`);
        if (!decl.test(text)) missing.push(`${m[2]}:${name}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
