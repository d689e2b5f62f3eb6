/**
 * `claimkb check <file|-> [--root DIR] [--out DIR] [--json] [--fail-on LEVEL] [--min-score X] [--format F] [--assume-fresh]`
 * Fact-checks an article against the knowledge base. Exit 1 when a finding reaches --fail-on, else 0.
 */
import { readFile, stat } from 'node:fs/promises';
import { check, DEFAULT_FAIL_ON, STATUS_RANK } from '../../check/check.js';
import { markdownLimitExceeded, type ArticleFormat } from '../../check/blocks.js';
import type { Status } from '../../check/decide.js';
import { formatJson, formatReport } from '../../check/format.js';
import { openCheckKb } from '../../check/load.js';
import { MATCH_THRESHOLD } from '../../check/score.js';
import { ClaimkbError } from '../../diagnostics.js';
import { formatBytes, MAX_FILE_BYTES } from '../../load/read.js';
import { LineIndex } from '../../text.js';
import { FRESHNESS_HELP, FRESHNESS_OPTIONS, folders, parse } from '../args.js';
import type { Io } from '../io.js';
import { stepDone } from '../../timings.js';

const LEVELS = [...Object.keys(STATUS_RANK).filter((s) => s !== 'supported'), 'never'];

const HELP = `usage: claimkb check <file|-> [--fail-on LEVEL] [--min-score X] [--format F] [--assume-fresh] [--root DIR] [--out DIR] [--json]

Fact-checks an article (markdown or plain text; '-' reads standard input) against the knowledge base.
Each check-worthy sentence (quantities, dates, attributions, named studies and organisations,
comparisons, causes) gets a status: supported, refuted, misleading, unverified, conflict (it matches a
supported claim but states another date, number or name) or unknown (no claim covers it).

  --fail-on LEVEL   exit 1 when a finding is at least this serious: unknown < unverified < misleading
                    < conflict = refuted, or never (default: ${DEFAULT_FAIL_ON}, i.e. refuted or conflict)
  --min-score X     the match threshold between 0 and 1 (default ${MATCH_THRESHOLD})
  --format F        markdown, text or auto (default auto: .txt files are plain text, others markdown)
  --json            print {findings, summary}

${FRESHNESS_HELP}`;

/** The largest article check reads: the size limit of content files (MAX_FILE_BYTES, 4 MiB). */
export const MAX_ARTICLE_BYTES = MAX_FILE_BYTES;

/** Reads the article from a file or standard input (at most MAX_ARTICLE_BYTES); a leading byte-order mark is dropped. */
async function readArticle(file: string, io: Io): Promise<string> {
  const tooLarge = () => new ClaimkbError(`${file === '-' ? 'standard input' : file} is larger than ${formatBytes(MAX_ARTICLE_BYTES)}; check reads articles up to that size`);
  let text: string;
  try {
    if (file !== '-' && (await stat(file)).size > MAX_ARTICLE_BYTES) throw tooLarge();
    text = file === '-' ? await io.readStdin(MAX_ARTICLE_BYTES) : await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof ClaimkbError) throw error;
    throw new ClaimkbError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (Buffer.byteLength(text) > MAX_ARTICLE_BYTES) throw tooLarge();
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Says on stderr when a markdown article is over ARTICLE_LIMITS and is therefore read as plain text. */
function noteLimits(article: string, file: string, format: ArticleFormat, io: Io): void {
  const over = format === 'markdown' ? markdownLimitExceeded(article) : null;
  if (!over) return;
  const at = new LineIndex(article).position(over.offset);
  io.err(`claimkb: ${file}:${at.line}:${at.column}: the article ${over.message} (ARTICLE_LIMITS); it was read as plain text\n`);
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
  stepDone('start: Node, the command and its modules');
  const { values, positionals } = parse(args, { 'fail-on': { type: 'string' }, 'min-score': { type: 'string' }, format: { type: 'string' }, ...FRESHNESS_OPTIONS });
  if (values.help) return io.out(HELP), 0;
  if (positionals.length !== 1) throw new ClaimkbError(`check expects one article (a file, or - for standard input); see --help`);
  const file = positionals[0]!;
  const opts = options(values);
  const format = formatOf(values.format, file);
  const article = await readArticle(file, io);
  noteLimits(article, file === '-' ? '<stdin>' : file, format, io);
  const { root, out } = folders(values);
  const opened = await openCheckKb(root, out, { assumeFresh: values['assume-fresh'] });
  if (opened.rebuilt) io.err(`claimkb: ${opened.rebuilt}; checked against a knowledge base built in memory (run 'claimkb build' to refresh)\n`);
  const result = check(article, opened.kb, { ...opts, format, file: file === '-' ? '<stdin>' : file });
  stepDone('checking the article');
  io.out(values.json ? formatJson(result) : formatReport(result));
  return result.summary.failing > 0 ? 1 : 0;
}
