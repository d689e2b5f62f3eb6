/**
 * Stage 6, emit: the JSON outputs, each stamped with schemaVersion. No timestamps or absolute paths,
 * so the same knowledge base always gives byte-identical files.
 */
import type MiniSearch from 'minisearch';
import type { ResolvedClaim, ResolvedSource } from '../model.js';
import type { Report } from '../report/report.js';
import type { SearchDoc } from '../index/options.js';
import { INDEX_FILE, serializeIndex } from '../index/index-file.js';
import { SCHEMA_VERSION, TOOL_VERSION } from '../version.js';

import { OUTPUT_FILES } from './names.js';

export { OUTPUT_FILES } from './names.js';

/** The header every JSON output starts with. */
export const outputHeader = (kind: string, contentHash: string) => ({ schemaVersion: SCHEMA_VERSION, kind, generator: `claimkb ${TOOL_VERSION}`, contentHash });
/** An output's text: pretty-printed JSON and a newline. */
export const outputJson = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const header = outputHeader;
const json = outputJson;

/** Renders every output file of a build. */
export function renderOutputs(input: {
  claims: readonly ResolvedClaim[];
  sources: readonly ResolvedSource[];
  report: Report;
  index: MiniSearch<SearchDoc>;
  contentHash: string;
}): Record<(typeof OUTPUT_FILES)[number], string> {
  const { contentHash } = input;
  return {
    'claims.json': json({ ...header('claims', contentHash), claims: input.claims }),
    'sources.json': json({ ...header('sources', contentHash), sources: input.sources }),
    'report.json': json({ ...header('report', contentHash), ...input.report }),
    [INDEX_FILE]: serializeIndex(input.index, contentHash),
  } as Record<(typeof OUTPUT_FILES)[number], string>;
}
