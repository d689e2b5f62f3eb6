/**
 * `claimkb show <id> [--root DIR] [--out DIR] [--assume-fresh] [--json]`: one claim in full.
 */
import { ClaimkbError } from '../../diagnostics.js';
import type { ResolvedClaim, ResolvedQuote } from '../../model.js';
import { FRESHNESS_HELP, FRESHNESS_OPTIONS, folders, parse } from '../args.js';
import type { Io } from '../io.js';
import { readClaim } from '../outputs.js';

const HELP = `usage: claimkb show <id> [--root DIR] [--out DIR] [--assume-fresh] [--json]\n\nPrints one claim in full: verdict, flags, support, appearances, evidence with quote locations, body.\n\n${FRESHNESS_HELP}`;

function quoteLine(q: ResolvedQuote, extra = ''): string {
  const where = q.match ? `${q.match.tier} match at ${q.match.start.line}:${q.match.start.column}` : 'NOT VERIFIED';
  return `  - ${q.sourceTitle ?? q.source} [${q.source}]${extra}: “${q.quote}” (${where})`;
}

/** Formats a claim in full for people. */
export function formatClaim(c: ResolvedClaim): string {
  const s = c.support;
  return [
    `${c.id}  (${c.file})`,
    `claim:    ${c.claim}`,
    `verdict:  ${c.verdict}${c.flags.length ? `  flags: ${c.flags.join(', ')}` : ''}`,
    `support:  ${s.level}; supported by: ${s.supportedBy.join(', ') || '-'}; refuted by: ${s.refutedBy.join(', ') || '-'}`,
    ...(s.lacking ? [`lacking:  ${s.lacking}`] : []),
    `topics:   ${c.topics.join(', ') || '-'}`,
    `related:  ${c.related.join(', ') || '-'}`,
    `appearances (${c.appearances.length}):`, ...c.appearances.map((a) => quoteLine(a)),
    `evidence (${c.evidence.length}):`, ...c.evidence.map((e) => quoteLine(e, ` ${e.stance}`) + (e.note ? `\n      note: ${e.note}` : '')),
    '', c.body.trim(), '',
  ].join('\n');
}

/** Runs the show command. */
export async function run(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, FRESHNESS_OPTIONS);
  if (values.help) return io.out(HELP), 0;
  if (positionals.length !== 1) throw new ClaimkbError('show expects exactly one claim id; see --help');
  const { root, out } = folders(values);
  const claim = await readClaim(root, out, io, positionals[0]!, { assumeFresh: values['assume-fresh'] });
  if (!claim) throw new ClaimkbError(`no claim with id '${positionals[0]}'`);
  io.out(values.json ? `${JSON.stringify(claim, null, 2)}\n` : formatClaim(claim));
  return 0;
}
