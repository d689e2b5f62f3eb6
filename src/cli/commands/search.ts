/**
 * `claimkb search <query> [--verdict v] [--flag f] [--source id] [--topic t] [--limit n] [--assume-fresh] [--json]`
 * Reads only the prebuilt index (through its map: only what the query needs; no remark, no knowledge
 * base) unless it must rebuild in memory.
 */
import { ClaimkbError } from '../../diagnostics.js';
import type { SearchHit } from '../../search/search.js';
import { searchOutputs } from '../../search/open.js';
import { FLAG_NAMES, VERDICT_NAMES } from '../../vocab.js';
import { FRESHNESS_HELP, FRESHNESS_OPTIONS, folders, list, oneOf, parse } from '../args.js';
import type { Io } from '../io.js';
import { stepDone } from '../../timings.js';

const HELP = `usage: claimkb search <query> [--verdict v] [--flag f] [--source id] [--topic t] [--limit n] [--assume-fresh] [--root DIR] [--out DIR] [--json]

Ranked full-text search (fuzzy and prefix) over claim text, body, quotes and topics. Filters may be
repeated or comma-separated; a hit must pass every filter given. An empty query lists every claim
that passes the filters.

${FRESHNESS_HELP}`;

const filterOption = { type: 'string', multiple: true } as const;

/** Formats one hit for people. */
export function formatHit(hit: SearchHit, rank: number): string {
  const flags = hit.flags.length ? ` ${hit.flags.join(', ')}` : '';
  const lines = [`${rank}. ${hit.id}  [${hit.verdict}]${flags}  support: ${hit.level}`, `   ${hit.claim}`];
  if (hit.best) lines.push(`   “${hit.best.quote}” (${hit.best.sourceTitle}, ${hit.best.stance})`);
  return lines.join('\n');
}

/** Runs the search command. */
export async function run(args: readonly string[], io: Io): Promise<number> {
  stepDone('start: Node, the command and its modules');
  const { values, positionals } = parse(args, {
    verdict: filterOption, flag: filterOption, source: filterOption, topic: filterOption, limit: { type: 'string' },
    ...FRESHNESS_OPTIONS,
  });
  if (values.help) return io.out(HELP), 0;
  const verdict = oneOf('verdict', list(values.verdict), VERDICT_NAMES);
  const flag = oneOf('flag', list(values.flag), FLAG_NAMES);
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw new ClaimkbError(`--limit expects a positive whole number, got '${values.limit}'`);
  const { root, out } = folders(values);
  const { outcome, rebuilt } = await searchOutputs(root, out, {
    query: positionals.join(' '), verdict, flag,
    source: list(values.source), topic: list(values.topic), ...(limit === undefined ? {} : { limit }),
  }, { assumeFresh: values['assume-fresh'] });
  if (rebuilt) io.err(`claimkb: ${rebuilt}; searched an index built in memory (run 'claimkb build' to refresh)\n`);
  for (const note of outcome.notes) io.err(`claimkb: ${note}\n`);
  if (values.json) io.out(`${JSON.stringify(outcome, null, 2)}\n`);
  else if (outcome.hits.length === 0) io.out('no matching claims\n');
  else io.out(`${outcome.hits.map((h, i) => formatHit(h, i + 1)).join('\n\n')}\n\n${outcome.hits.length} of ${outcome.total} matching claims\n`);
  return 0;
}
