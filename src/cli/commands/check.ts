/**
 * `claimkb check <file|-> [--root DIR] [--out DIR] [--json] [--fail-on LEVEL] [--min-score X] [--format F]`
 * Fact-checks an article against the knowledge base. Exit 1 when a finding reaches --fail-on, else 0.
 */
import { readFile } from 'node:fs/promises';
import { check, DEFAULT_FAIL_ON, STATUS_RANK } from '../../check/check.js';
import type { ArticleFormat } from '../../check/blocks.js';
import type { Status } from '../../check/decide.js';
import { formatJson, formatReport } from '../../check/format.js';
import { openCheckKb } from '../../check/load.js';
import { MATCH_THRESHOLD } from '../../check/score.js';
import { ClaimkbError } from '../../diagnostics.js';
import { folders, parse } from '../args.js';
import type { Io } from '../io.js';

const LEVELS = [...Object.keys(STATUS_RANK).filter((s) => s !== 'supported'), 'never'];

const HELP = `usage: claimkb check <file|-> [--fail-on LEVEL] [--min-score X] [--format F] [--root DIR] [--out DIR] [--json]

Fact-checks an article (markdown or plain text; '-' reads standard input) against the knowledge base.
Each check-worthy sentence (quantities, dates, attributions, named studies and organisations,
comparisons, causes) gets a status: supported, refuted, misleading, unverified, conflict (it matches a
supported claim but states another date, number or name) or unknown (no claim covers it).

  --fail-on LEVEL   exit 1 when a finding is at least this serious: unknown < unverified < misleading
                    < conflict = refuted, or never (default: ${DEFAULT_FAIL_ON}, i.e. refuted or conflict)
  --min-score X     the match threshold between 0 and 1 (default ${MATCH_THRESHOLD})
  --format F        markdown, text or auto (default auto: .txt files are plain text, others markdown)
  --json            print {findings, summary}
`;

/** Reads the article from a file or standard input; a leading byte-order mark is dropped. */
async function readArticle(file: string, io: Io): Promise<string> {
  let text: string;
  try {
    text = file === '-' ? await io.readStdin() : await readFile(file, 'utf8');
  } catch (error) {
    throw new ClaimkbError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function formatOf(value: string | undefined, file: string): ArticleFormat {
  const v = value ?? 'auto';
  if (v === 'markdown' || v === 'text') return v;
  if (v !== 'auto') throw new ClaimkbError(`--format expects markdown, text or auto, got '${v}'`);
  return /\.(?:txt|text)$/i.test(file) ? 'text' : 'markdown';
}

function options(values: { 'fail-on'?: string; 'min-score'?: string }): { failOn: Status | 'never'; minScore: number } {
  const failOn = values['fail-on'] ?? DEFAULT_FAIL_ON;
  if (!LEVELS.includes(failOn)) throw new ClaimkbError(`--fail-on expects one of ${LEVELS.join(', ')}, got '${failOn}'`);
  const raw = values['min-score'];
  const minScore = raw === undefined ? MATCH_THRESHOLD : Number(raw);
  if (raw !== undefined && (raw.trim() === '' || !Number.isFinite(minScore) || minScore < 0 || minScore > 1)) {
    throw new ClaimkbError(`--min-score expects a number between 0 and 1, got '${raw}'`);
  }
  return { failOn: failOn as Status | 'never', minScore };
}

/** Runs the check command. */
export async function run(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { 'fail-on': { type: 'string' }, 'min-score': { type: 'string' }, format: { type: 'string' } });
  if (values.help) return io.out(HELP), 0;
  if (positionals.length !== 1) throw new ClaimkbError(`check expects one article (a file, or - for standard input); see --help`);
  const file = positionals[0]!;
  const opts = options(values);
  const format = formatOf(values.format, file);
  const article = await readArticle(file, io);
  const { root, out } = folders(values);
  const opened = await openCheckKb(root, out);
  if (opened.rebuilt) io.err(`claimkb: ${opened.rebuilt}; checked against a knowledge base built in memory (run 'claimkb build' to refresh)\n`);
  const result = check(article, opened.kb, { ...opts, format, file: file === '-' ? '<stdin>' : file });
  io.out(values.json ? formatJson(result) : formatReport(result));
  return result.summary.failing > 0 ? 1 : 0;
}
