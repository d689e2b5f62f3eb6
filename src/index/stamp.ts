/**
 * A cheap staleness stamp: the path, size and mtime of every content file, hashed. The build writes it
 * beside the outputs (in `.cache/`, not part of the deterministic outputs); search compares it with a
 * fresh listing (stat only, no reading) to decide whether the prebuilt index is stale.
 *
 * On a large knowledge base this listing is most of a cold search, so it is kept lean: plain names from
 * readdir (no Dirent objects), one lstat per entry (a second stat only for a symbolic link), and an
 * order-independent hash that needs neither text lines nor sorting (at 100,000 claims, formatting the
 * numbers as text alone cost more than hashing them).
 */
import { lstatSync, readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';

/** Where the stamp lives, relative to the output folder. */
export const STAMP_FILE = '.cache/stamp.txt';
/** Prefixed to the hash; changed whenever what the stamp covers or how it is computed changes. */
const STAMP_VERSION = '2';

/**
 * An order-independent hash of the listing: each entry (path, size, mtime, or gone) is hashed to two
 * 32-bit values (FNV-1a steps with two primes, then murmur3's finalizer), summed lane by lane, with a
 * count. The sum needs no sorting, so readdir's order is used as it comes. It guards against accidents,
 * not attacks: an edit goes unnoticed only if its entry hashes to the old one in both lanes (about 1 in 2^64).
 */
class ListingHash {
  private sum1 = 0;
  private sum2 = 0;
  private count = 0;
  private readonly numbers = new Float64Array(2);
  private readonly words = new Uint32Array(this.numbers.buffer);

  /** Adds one entry; `stat` is null for an entry that could not be stat-ed. */
  add(file: string, stat: { size: number; mtimeMs: number } | null): void {
    let h1 = FNV_OFFSET;
    let h2 = FNV_OFFSET ^ SECOND_SEED;
    for (let i = 0; i < file.length; i++) {
      const c = file.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, FNV_PRIME);
      h2 = Math.imul(h2 ^ c, SECOND_PRIME);
    }
    this.numbers[0] = stat ? stat.size : -1;
    this.numbers[1] = stat ? stat.mtimeMs : 0;
    for (const w of this.words) {
      h1 = Math.imul(h1 ^ w, FNV_PRIME);
      h2 = Math.imul(h2 ^ w, SECOND_PRIME);
    }
    this.sum1 = (this.sum1 + fmix32(h1)) | 0;
    this.sum2 = (this.sum2 + fmix32(h2)) | 0;
    this.count++;
  }

  /** The stamp: version, count and both sums. */
  digest(): string {
    const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
    return `${STAMP_VERSION}:${this.count}:${hex(this.sum1)}${hex(this.sum2)}`;
  }
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const SECOND_PRIME = 0x5bd1e995;
const SECOND_SEED = 0x9e3779b9;

/** murmur3's 32-bit finalizer: every input bit affects every output bit. */
function fmix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function lstatOrNull(abs: string): Stats | null {
  try {
    return lstatSync(abs, { throwIfNoEntry: false }) ?? null;
  } catch {
    return null;
  }
}

/** The stat of a `.md` entry: its target's for a symbolic link. */
function statOf(abs: string, own: Stats | null): Stats | null {
  if (own === null || !own.isSymbolicLink()) return own;
  try {
    return statSync(abs, { throwIfNoEntry: false }) ?? null;
  } catch {
    return null;
  }
}

/** What a stamp walk shares: the root, its real path, and the real paths of the folders entered through links. */
interface StampWalk {
  root: string;
  realRoot: string;
  seen: Set<string>;
}

/**
 * Whether the symbolic link `abs` leads to a folder to enter: one inside the root (discovery refuses the
 * others) and not entered yet (a loop of links ends). Edits in a folder that discovery reads through a
 * link must make the stamp change as well.
 */
function enterLink(w: StampWalk, abs: string): boolean {
  try {
    const real = realpathSync(abs);
    if (w.seen.has(real) || !(real === w.realRoot || real.startsWith(w.realRoot + path.sep)) || !statSync(real).isDirectory()) return false;
    w.seen.add(real);
    return true;
  } catch {
    return false; // broken: listed as gone if it is a .md entry
  }
}

/** Adds the `.md` entries under `dir`: real folders are entered, and folders reached by a link inside the root once each. */
function walk(w: StampWalk, dir: string, out: ListingHash): void {
  const base = path.join(w.root, dir) + path.sep;
  let names: string[];
  try {
    names = readdirSync(base);
  } catch {
    return;
  }
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const own = lstatOrNull(base + name);
    if (own?.isDirectory() || (own?.isSymbolicLink() && enterLink(w, base + name))) walk(w, `${dir}/${name}`, out);
    else if (name.endsWith('.md')) out.add(`${dir}/${name}`, statOf(base + name, own));
  }
}

/** Whether `stamp` was computed the way this version computes stamps (else comparing it says nothing). */
export function isCurrentStamp(stamp: string): boolean {
  return stamp.startsWith(`${STAMP_VERSION}:`);
}

/** Computes the stamp of the knowledge base under `root`. */
export function computeStamp(root: string): string {
  const listing = new ListingHash();
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    return listing.digest(); // no root: nothing listed
  }
  const w: StampWalk = { root, realRoot, seen: new Set() };
  for (const dir of ['claims', 'sources']) walk(w, dir, listing);
  return listing.digest();
}

/**
 * The stamp computeStamp would give, from a listing already made (the build's discovery): each file's
 * path relative to the root, size and modification time. Only equal to computeStamp's when the listing
 * holds exactly the `.md` entries computeStamp stats (no symbolic links, no `.md` entry that is not a file).
 */
export function stampOf(files: ReadonlyArray<{ file: string; size: number; mtimeMs: number }>): string {
  const listing = new ListingHash();
  for (const f of files) listing.add(f.file, f);
  return listing.digest();
}
