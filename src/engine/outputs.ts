/**
 * The outputs of a build, rendered from what the engine keeps (the claims' records in the cache's blob
 * files, the finished index, the report) rather than from the whole knowledge base in memory, each
 * streamed to its file: claims.json, sources.json, report.json, index.json, index.map.json. Also the
 * check command's cache, which the build fills from the same records.
 */
import { cmp } from '../diagnostics.js';
import { writeCheckCacheParts, type CheckCache } from '../check/cache.js';
import { RETRIEVAL_FIELDS, type PostingsData } from '../check/postings.js';
import { writePrettyArray, type ArrayPiece } from '../emit/claims-json.js';
import type { OutputContent } from '../emit/atomic.js';
import { indexMapJson } from '../emit/index-map.js';
import { outputHeader, outputJson } from '../emit/outputs.js';
import type { FinishedIndex } from '../index/builder.js';
import { INDEX_FILE } from '../index/index-file.js';
import { FIELD_IDS, renderIndexFile, type Reuse } from '../index/render.js';
import { FIELDS } from '../index/terms.js';
import type { ResolvedSource } from '../model.js';
import type { Report } from '../report/report.js';
import { INDEX_MAP_FILE } from '../search/index-map-format.js';
import { textOf, type RecordBytes } from './record.js';

export type { RecordBytes } from './record.js';

/** What the outputs are rendered from. */
export interface OutputModel {
  contentHash: string;
  /** The number of claims. */
  count: number;
  /** The claims' records, in id order (each valid until the next is read). */
  records: () => Iterable<RecordBytes>;
  /** claims.json's claims, when not the records' fragments: some copied from the previous claims.json (engine/claims-output.ts). */
  claims?: Iterable<ArrayPiece>;
  sources: readonly ResolvedSource[];
  report: Report;
  index: FinishedIndex;
  /** What lets index.json's unchanged postings be copied from the previous one (asked for when it is written, closed once it is), or null. */
  reuse?: () => Reuse | null;
  /** Receives index.json as rendered: its size, checksum and layout. */
  rendered?: (r: RenderedIndex) => void;
  /** Receives where each claim is in claims.json as written (byte ranges: start, end, …, in id order). */
  claimsLaidOut?: (ranges: number[]) => void;
}

/** index.json as rendered. */
export type RenderedIndex = ReturnType<typeof renderIndexFile>;

function* fragments(records: Iterable<RecordBytes>): Generator<Uint8Array> {
  for (const r of records) yield r.fragment;
}

/** The contents of every output file, by name (each written in chunks). */
export function outputContents(m: OutputModel): Record<string, OutputContent> {
  let rendered: RenderedIndex | null = null;
  return {
    'claims.json': (write) => {
      const at = m.claimsLaidOut ? [] : undefined;
      writePrettyArray(outputHeader('claims', m.contentHash), 'claims', m.count, m.claims ?? fragments(m.records()), write, at);
      if (at) m.claimsLaidOut!(at);
    },
    'sources.json': outputJson({ ...outputHeader('sources', m.contentHash), sources: m.sources }),
    'report.json': outputJson({ ...outputHeader('report', m.contentHash), ...m.report }),
    [INDEX_FILE]: (write) => {
      const reuse = m.reuse?.() ?? undefined;
      try {
        rendered = renderIndexFile(m.index, m.contentHash, write, reuse);
      } finally {
        reuse?.close?.();
      }
      m.rendered?.(rendered);
      return [rendered.patch];
    },
    [INDEX_MAP_FILE]: (write) => {
      if (!rendered) throw new Error(`claimkb: ${INDEX_MAP_FILE} must be written after ${INDEX_FILE}`);
      write(indexMapJson(m.index, m.contentHash, rendered));
    },
  };
}

/** The numbers sorted, without repeats (sorted in place). */
function distinctSorted(docs: number[]): number[] {
  docs.sort((a, b) => a - b);
  return docs.filter((d, i) => i === 0 || d !== docs[i - 1]);
}

/** For each term in a retrieval field, the documents holding it there (the fields' sorted lists merged). */
function checkTerms(fin: FinishedIndex): PostingsData['terms'] {
  const F = FIELDS.length;
  const fields = RETRIEVAL_FIELDS.map((f) => FIELD_IDS[f]!);
  const terms: PostingsData['terms'] = [];
  fin.order.forEach((id, r) => {
    const docs: number[] = [];
    let lists = 0;
    for (const f of fields) {
      if (fin.start[r * F + f]! < fin.start[r * F + f + 1]!) lists++;
      for (let k = fin.start[r * F + f]!; k < fin.start[r * F + f + 1]!; k++) docs.push(fin.doc[k]!);
    }
    if (docs.length === 0) return;
    terms.push([fin.words[id]!, lists === 1 ? docs : distinctSorted(docs)]); // one field's list is sorted and distinct already
  });
  return terms;
}

/** The claim-sentence term frequencies over the records (check's `df`), sorted by term. */
function dfOf(m: Pick<OutputModel, 'records'>): Array<[string, number]> {
  const df = new Map<string, number>();
  for (const r of m.records()) for (const t of textOf(r.terms).split(' ')) if (t) df.set(t, (df.get(t) ?? 0) + 1);
  return [...df].sort((a, b) => cmp(a[0], b[0]));
}

/** The data of the check command's cache for this build, in memory: what writeCheckCacheOf writes, parsed. */
export function checkCacheDataOf(m: Pick<OutputModel, 'records' | 'index'>): CheckCache {
  const best: PostingsData['best'] = [];
  const claims: CheckCache['claims'] = [];
  for (const r of m.records()) {
    best.push(JSON.parse(textOf(r.best)) as PostingsData['best'][number]);
    claims.push(JSON.parse(textOf(r.check)) as CheckCache['claims'][number]);
  }
  return { postings: { ids: m.index.docs.map((d) => d.id), terms: checkTerms(m.index), best }, claims, df: dfOf(m) };
}

/** Writes the check command's cache whole for this build, keyed to its claims (best effort, like check itself). */
export function writeCheckCacheOf(out: string, m: OutputModel, claimsKey: string | null): void {
  const segments = function* (name: 'best' | 'check'): Generator<Uint8Array> {
    for (const r of m.records()) yield r[name];
  };
  writeCheckCacheParts(out, m.contentHash, {
    ids: m.index.docs.map((d) => d.id),
    terms: checkTerms(m.index),
    best: () => segments('best'),
    claims: () => segments('check'),
    df: dfOf(m),
    claimsKey,
  });
}
