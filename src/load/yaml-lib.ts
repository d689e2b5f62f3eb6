/**
 * `yaml` and `gray-matter`, loaded on first use rather than when claimkb starts: files in the simple
 * frontmatter form (simple-frontmatter.ts: claimkb's own files, and most) never need them, and loading
 * them costs more than parsing the one file a rebuild after an edit parses. Both are CommonJS packages
 * (the `node` condition of yaml's exports is CommonJS too), so they are required synchronously, the
 * same modules an `import` would load.
 */
import { createRequire } from 'node:module';
import type GrayMatter from 'gray-matter';
import type * as Yaml from 'yaml';

const require = createRequire(import.meta.url);

let yamlModule: typeof Yaml | null = null;
let matterModule: typeof GrayMatter | null = null;

/** The `yaml` package. */
export function yaml(): typeof Yaml {
  return (yamlModule ??= require('yaml') as typeof Yaml);
}

/** The `gray-matter` package's function. */
export function grayMatter(): typeof GrayMatter {
  return (matterModule ??= require('gray-matter') as typeof GrayMatter);
}

/** yaml's isAlias (loading yaml on first use). */
export const isAlias = ((node: unknown) => yaml().isAlias(node)) as typeof Yaml.isAlias;
/** yaml's isMap (loading yaml on first use). */
export const isMap = ((node: unknown) => yaml().isMap(node)) as typeof Yaml.isMap;
/** yaml's isScalar (loading yaml on first use). */
export const isScalar = ((node: unknown) => yaml().isScalar(node)) as typeof Yaml.isScalar;
/** yaml's isSeq (loading yaml on first use). */
export const isSeq = ((node: unknown) => yaml().isSeq(node)) as typeof Yaml.isSeq;
