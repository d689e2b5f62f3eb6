/**
 * Opens a knowledge base for check: the prebuilt index.json and claims.json when they are fresh,
 * otherwise one build in memory (whose index is the same as `claimkb build` would write), with the
 * reason so the CLI can say so on stderr.
 */
import { INDEX_FILE, parseIndexFile } from '../index/index-file.js';
import { readFresh } from '../search/open.js';
import { prepareKb, type CheckKb, type ClaimInput } from './kb.js';

/** A prepared knowledge base and why it was built in memory (null when the prebuilt outputs were used). */
export interface OpenedKb {
  kb: CheckKb;
  rebuilt: string | null;
}

/** Reads the fresh prebuilt outputs, or returns why they cannot be used. */
function readPrebuilt(root: string, out: string): CheckKb | string {
  const index = readFresh(root, out, INDEX_FILE);
  if ('reason' in index) return index.reason;
  const claims = readFresh(root, out, 'claims.json');
  if ('reason' in claims) return claims.reason;
  const loaded = parseIndexFile(index.text);
  if (!loaded.ok) return loaded.reason;
  try {
    const data = JSON.parse(claims.text) as { claims?: ClaimInput[]; contentHash?: string };
    if (!Array.isArray(data.claims)) return 'claims.json holds no claims';
    if (data.contentHash !== loaded.contentHash) return 'claims.json and index.json come from different builds';
    return prepareKb(loaded.index, data.claims);
  } catch (error) {
    return `claims.json is not valid JSON (${(error as Error).message})`;
  }
}

/** Opens the knowledge base under `root` with its outputs in `out`. */
export async function openCheckKb(root: string, out: string): Promise<OpenedKb> {
  const prebuilt = readPrebuilt(root, out);
  if (typeof prebuilt !== 'string') return { kb: prebuilt, rebuilt: null };
  const { build } = await import('../build.js');
  const result = await build({ root, out: null });
  return { kb: prepareKb(result.index, result.claims), rebuilt: prebuilt };
}
