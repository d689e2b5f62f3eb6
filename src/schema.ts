/**
 * The frontmatter schemas of sources and claims, declared once with zod; their TypeScript types are inferred.
 */
import { z } from 'zod';
import { ID_PATTERN, isDateOrUnknown, isUrlOrUnknown, UNKNOWN } from './formats.js';
import { FLAGS, RELIABILITY, SOURCE_KINDS, STANCES, VERDICTS } from './vocab.js';

export { ID_PATTERN, isPartialIsoDate, UNKNOWN } from './formats.js';

const keys = <T extends Record<string, unknown>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
const id = z.string().regex(ID_PATTERN, 'expected a kebab-case id (a-z, 0-9 and single hyphens)');
/** True when no value repeats. */
const unique = (values: readonly string[]) => new Set(values).size === values.length;
const text = z.string().trim().min(1, 'expected non-empty text');

const partialDate = z.string().refine(isDateOrUnknown, 'expected an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) that exists, or "unknown"');
const url = z.string().refine(isUrlOrUnknown, 'expected an http(s) URL, or "unknown"');

/** Frontmatter of a source file, `sources/<id>.md`. */
export const SourceSchema = z
  .strictObject({
    id,
    title: text,
    kind: z.enum(keys(SOURCE_KINDS)),
    reliability: z.enum(keys(RELIABILITY)),
    reliabilityNote: text.optional(),
    publisher: text.optional(),
    authors: z.union([z.array(text), z.literal(UNKNOWN)]).optional(),
    url: url.optional(),
    published: partialDate.optional(),
    accessed: partialDate.optional(),
    capture: text.optional(),
    notes: text.optional(),
  })
  .refine((s) => s.reliability !== 'low' || s.reliabilityNote !== undefined, {
    message: 'a source rated low needs a short reason in reliabilityNote',
    path: ['reliability'],
  });

/** A validated source frontmatter. */
export type SourceMeta = z.infer<typeof SourceSchema>;

/** A place where the claim is asserted; being asserted is not support. */
export const AppearanceSchema = z.strictObject({ source: id, quote: text });
/** A quoted passage of a source that bears on the claim. */
export const EvidenceSchema = z.strictObject({
  source: id,
  quote: text,
  stance: z.enum(keys(STANCES)),
  note: text.optional(),
});

/** Frontmatter of a claim file, `claims/<id>.md`. */
export const ClaimSchema = z.strictObject({
  id,
  claim: text,
  verdict: z.enum(keys(VERDICTS)),
  flags: z.array(z.enum(keys(FLAGS))).refine(unique, 'expected each flag once').default([]),
  appearances: z.array(AppearanceSchema).default([]),
  evidence: z.array(EvidenceSchema).default([]),
  topics: z.array(id).refine(unique, 'expected each topic once').default([]),
  related: z.array(id).refine(unique, 'expected each related id once').default([]),
});

/** A validated claim frontmatter. */
export type ClaimMeta = z.infer<typeof ClaimSchema>;
/** One appearance of a claim. */
export type Appearance = z.infer<typeof AppearanceSchema>;
/** One evidence item of a claim. */
export type Evidence = z.infer<typeof EvidenceSchema>;
