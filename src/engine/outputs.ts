/**
 * The outputs of a build, rendered from what the engine keeps (claim records, claims.json texts in blob
 * files, the finished index) rather than from the whole knowledge base in memory, each streamed to its
 * file: claims.json, sources.json, report.json, index.json, search.pack. Also the check command's cache,
 * which the build can fill directly from the same data.
 */
import { cmp } from '../diagnostics.js';
import { writeCheckCache } from '../check/cache.js';
import { claimFrequencies } from '../check/kb.js';
import { RETRIEVAL_FIELDS, type PostingsData } from '../check/postings.js';
import { writePrettyArray } from '../emit/claims-json.js';
import type { OutputContent } from '../emit/atomic.js';
import { outputHeader, outputJson } from '../emit/outputs.js';
import { indexMapJson } from '../emit/index-map.js';
import type { FinishedIndex } from '../index/builder.js';
import { INDEX_FILE, renderIndexFile } from '../index/index-file.js';
import type { BestQuote } from '../index/options.js';
import { FIELD_IDS } from '../index/render.js';
import { FIELDS } from '../index/terms.js';
import type { ResolvedSource } from '../model.js';
import type { Report } from '../report/report.js';
import { INDEX_MAP_FILE } from '../search/index-map-format.js';
import type { ClaimRecord } from './claims.js';

/** What the outputs are rendered from. */
export interface OutputModel {
  contentHash: string;
  /** The claims' records, sorted by id. */
  records: readonly ClaimRecord[];
  /** The claims' claims.json texts, in the same order. */
  fragments: () => Iterable<string | Uint8Array>;
  sources: readonly ResolvedSource[];
  report: Report;
  index: FinishedIndex;
}

/** The contents of every output file, by name (each written in chunks). */
export function outputContents(m: OutputModel): Record<string, OutputContent> {
  let rendered: ReturnType<typeof renderIndexFile> | null = null;
  return {
    'claims.json': (write) => writePrettyArray(outputHeader('claims', m.contentHash), 'claims', m.records.length, m.fragments(), write),
    'sources.json': outputJson({ ...outputHeader('sources', m.contentHash), sources: m.sources }),
    'report.json': outputJson({ ...outputHeader('report', m.contentHash), ...m.report }),
    [INDEX_FILE]: (write) => {
      rendered = renderIndexFile(m.index, m.contentHash, write);
    },
    [INDEX_MAP_FILE]: (write) => {
      if (!rendered) throw new Error(`claimkb: ${INDEX_MAP_FILE} must be written after ${INDEX_FILE}`);
      write(indexMapJson(m.index, m.contentHash, rendered.bytes, rendered.layout));
    },
  };
}

/** The check command's postings: for each term of a retrieval field, the documents holding it. */
function checkPostings(fin: FinishedIndex): PostingsData {
  const fields = RETRIEVAL_FIELDS.map((f) => FIELD_IDS[f]!);
  const terms: PostingsData['terms'] = [];
  fin.order.forEach((id, r) => {
    const docs = new Set<number>();
    for (const f of fields) for (let k = fin.start[r * FIELDS.length + f]!; k < fin.start[r * FIELDS.length + f + 1]!; k++) docs.add(fin.doc[k]!);
    if (docs.size > 0) terms.push([fin.words[id]!, [...docs].sort((a, b) => a - b)]);
  });
  const best = fin.docs.map((d) => ((JSON.parse(d.stored) as { best?: BestQuote | null }).best ?? null));
  return { ids: fin.docs.map((d) => d.id), terms, best };
}

/** Writes the check command's cache for this build (best effort, like check itself). */
export function writeCheckCacheOf(out: string, m: OutputModel): void {
  const claims = m.records.map((r) => r.check);
  const df = [...claimFrequencies(claims)].sort((a, b) => cmp(a[0], b[0]));
  writeCheckCache(out, m.contentHash, { postings: checkPostings(m.index), claims, df });
}
