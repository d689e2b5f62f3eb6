/**
 * The search index of a build, assembled from the claims as the resolver takes them. Without a
 * snapshot of the previous build's index (index/snapshot.ts), every claim's index block goes to the
 * IndexBuilder, which sorts all postings. With one, a claim from the cache whose resolution key is the
 * one the snapshot has for its id keeps its postings there (its block is not even read), only the other
 * claims go to the builder, and the two are merged (index/merge.ts): the same FinishedIndex either way.
 */
import { cmp } from '../diagnostics.js';
import type { FinishedIndex, IndexBuilder, IndexDoc } from '../index/builder.js';
import { mergeIndex } from '../index/merge.js';
import type { IndexSnapshot } from '../index/snapshot.js';
import { FIELDS } from '../index/terms.js';

const F = FIELDS.length;

/** A finished index, each document's resolution key (by short id), and for each term, the snapshot's rank of the same postings or -1 (null: not assembled from a snapshot). */
export interface AssembledIndex {
  index: FinishedIndex;
  keys: string[];
  same: Int32Array | null;
}

/** The field lengths of the base's document `short` (null: field absent). */
function lengthsIn(base: IndexSnapshot, short: number): Array<number | null> {
  const out: Array<number | null> = [];
  for (let f = 0; f < F; f++) out.push(base.lengths[short * F + f]! < 0 ? null : base.lengths[short * F + f]!);
  return out;
}

/** A document kept from the snapshot, whose stored fields are read when first asked for (rendering copies most of them). */
function keptDoc(id: string, stored: () => string | Uint8Array, lengths: Array<number | null>): IndexDoc {
  let value: string | Uint8Array | undefined;
  return {
    id,
    lengths,
    get stored() {
      return (value ??= stored());
    },
  };
}

/** Collects a build's documents (see the module comment). */
export class IndexAssembly {
  private readonly keyOf = new Map<string, string>();
  private readonly kept: Array<{ id: string; stored: () => string | Uint8Array; was: number }> = [];
  private baseShort: Map<string, number> | null = null;

  /** `base`: the previous build's index, when the cache has a usable one. */
  constructor(readonly builder: IndexBuilder, readonly base: IndexSnapshot | null) {}

  /** Adds a document resolved in this build. */
  add(id: string, key: string, stored: string | Uint8Array, block: Int32Array): void {
    this.builder.add(id, stored, block);
    this.keyOf.set(id, key);
  }

  /**
   * Adds a document from the cache; its block is read (`block()`) only when the snapshot does not have
   * it, and its stored fields (`stored()`) only when index.json does not copy them.
   */
  addCached(id: string, key: string, stored: () => string | Uint8Array, block: () => Int32Array): void {
    const was = this.base ? this.shortInBase(id) : -1;
    if (was >= 0 && this.base!.keys[was] === key) this.kept.push({ id, stored, was });
    else this.add(id, key, stored(), block());
  }

  private shortInBase(id: string): number {
    this.baseShort ??= new Map(this.base!.ids.map((d, i) => [d, i] as const));
    return this.baseShort.get(id) ?? -1;
  }

  /** The finished index of every document added. */
  finish(): AssembledIndex {
    const fresh = this.builder.finish();
    if (!this.base) return { index: fresh, keys: fresh.docs.map((d) => this.keyOf.get(d.id)!), same: null };
    const { base } = this;
    const kept = [...this.kept].sort((a, b) => cmp(a.id, b.id));
    const keep = new Int32Array(base.ids.length).fill(-1);
    const freshShort = new Int32Array(fresh.docs.length);
    const docs: IndexDoc[] = [];
    const keys: string[] = [];
    for (let i = 0, j = 0; i < kept.length || j < fresh.docs.length; ) {
      const k = kept[i];
      if (k && (j >= fresh.docs.length || k.id < fresh.docs[j]!.id)) {
        keep[k.was] = docs.length;
        keys.push(base.keys[k.was]!);
        docs.push(keptDoc(k.id, k.stored, lengthsIn(base, k.was)));
        i++;
      } else {
        const d = fresh.docs[j]!;
        freshShort[j++] = docs.length;
        keys.push(this.keyOf.get(d.id)!);
        docs.push(d);
      }
    }
    const merged = mergeIndex({ base, keep, fresh, freshShort, docs });
    return { index: merged.index, keys, same: merged.same };
  }
}
