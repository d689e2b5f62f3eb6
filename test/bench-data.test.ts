// The benchmark regenerates a data set whose files were edited since it was generated: the digest the
// generator records must change with any edit, and not with where the data set lives.
import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataDigest, generate } from '../bench/generate.js';
import { tempDir } from './helpers/kb.js';

describe('the data set digest', () => {
  it('is recorded by the generator, the same for the same data, and changes with an edit', () => {
    const [a, b] = [tempDir(), tempDir()];
    const info = generate(20, a);
    generate(20, b);
    expect(JSON.parse(readFileSync(path.join(a, 'GENERATED.json'), 'utf8')).sha256).toBe(info.sha256);
    expect([dataDigest(a), dataDigest(b)]).toEqual([info.sha256, info.sha256]);
    appendFileSync(path.join(b, 'claims', 'claim-000007.md'), 'e\n');
    expect(dataDigest(b)).not.toBe(info.sha256);
  });
});
