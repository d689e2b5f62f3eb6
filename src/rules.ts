/**
 * The catalog of diagnostic rules: every rule id claimkb can report, its severity and meaning.
 * The README's rule table is written from it, and a test checks each rule has a fixture.
 */
import type { Severity } from './diagnostics.js';

/** One rule: its severity and a one-line description. */
export interface RuleInfo {
  severity: Severity;
  description: string;
}

/** Every rule, by id. */
export const RULES = {
  'file-too-large': { severity: 'error', description: 'the file is larger than MAX_FILE_BYTES (4 MiB)' },
  'file-encoding': { severity: 'error', description: 'the file is binary, UTF-16 or not valid UTF-8' },
  'file-empty': { severity: 'error', description: 'the file is empty' },
  'frontmatter-missing': { severity: 'error', description: 'the file does not start with a --- frontmatter line' },
  'frontmatter-unclosed': { severity: 'error', description: 'the frontmatter has no closing --- line' },
  'frontmatter-engine': { severity: 'error', description: 'the frontmatter names a language (---js, ---toml…); only YAML is accepted, and nothing is run' },
  'frontmatter-too-large': { severity: 'error', description: 'the frontmatter is larger than 64 KiB (FRONTMATTER_LIMITS); it is not parsed' },
  'frontmatter-key': { severity: 'error', description: 'a key named __proto__, constructor or prototype; it is refused and dropped' },
  'frontmatter-not-object': { severity: 'error', description: 'the frontmatter is empty or not a mapping of fields' },
  'yaml-syntax': { severity: 'error', description: 'the YAML does not parse (syntax, duplicate keys, tabs, aliases, nesting)' },
  schema: { severity: 'error', description: 'a field is missing, unknown, or has a value of the wrong type or form' },
  'id-mismatch': { severity: 'error', description: 'the id differs from the file name' },
  'duplicate-id': { severity: 'error', description: 'two files have the same id (both places are named)' },
  'unknown-source': { severity: 'error', description: 'an appearance or evidence names a source that does not exist' },
  'unknown-citation': { severity: 'error', description: 'a body citation [@id] names a source that does not exist' },
  'unknown-related': { severity: 'error', description: 'related names a claim that does not exist' },
  'related-self': { severity: 'warning', description: 'a claim lists itself as related' },
  'quote-not-found': { severity: 'error', description: 'a quote is not in its source (hint: the closest passage)' },
  'body-too-complex': { severity: 'error', description: 'a claim body exceeds a markdown limit (BODY_LIMITS: 64 KiB, 32 levels of nesting, 500-line paragraphs, 1,000 markup characters in a paragraph and 4,000 in all); it is not parsed' },
  'uncited-paragraph': { severity: 'warning', description: 'a body paragraph states facts but cites no source' },
  'unused-source': { severity: 'warning', description: 'no claim quotes or cites the source' },
  'symlink-outside-root': { severity: 'error', description: 'a symbolic link leads outside the knowledge base; it is not followed' },
  'symlink-broken': { severity: 'error', description: 'a symbolic link whose target does not exist, or a chain of links that loops; it is not followed' },
  'symlink-loop': { severity: 'error', description: 'a symbolic link to a folder that is read anyway (an ancestor, claims/ or sources/); it is not followed' },
  'file-unreadable': { severity: 'error', description: 'a file or folder that cannot be read (permissions, not a regular file, gone while reading)' },
  'case-conflict': { severity: 'error', description: 'two file names differ only in case' },
  'ignored-file': { severity: 'info', description: 'a file that is not .md sits in claims/ or sources/; it is ignored' },
} as const satisfies Record<string, RuleInfo>;

/** A rule id. */
export type RuleId = keyof typeof RULES;
