/**
 * Stage 4, assess support. The rule, applied to verified evidence only (appearances never count):
 *
 * - `supportedBy` / `refutedBy`: the distinct sources with a verified `supports` / `refutes` quote.
 * - level `contested`: both lists are non-empty.
 * - level `strong`: only supporting evidence, from at least one `high` source or two `medium` ones.
 * - level `weak`: only supporting evidence, but less than that (one `medium`, or `low` sources only).
 * - level `none`: no verified supporting evidence (refuting evidence alone gives `none`).
 *
 * A claim lacks support for its verdict when: its verdict is `supported` and its level is not `strong`;
 * its verdict is `refuted` and no `medium` or `high` source refutes it; or it has no verified evidence at all.
 */
import type { QuoteLocation, Support, SupportLevel } from '../model.js';
import type { Evidence } from '../schema.js';
import type { Reliability, Verdict } from '../vocab.js';

/** How many distinct `medium` sources make support strong when no `high` source is among them. */
export const MEDIUM_SOURCES_FOR_STRONG = 2;

/** An evidence item with its verification result and its source's reliability (undefined when unknown). */
export interface AssessInput {
  evidence: Pick<Evidence, 'source' | 'stance'>;
  match: QuoteLocation | null;
  reliability: Reliability | undefined;
}

function sideSources(items: readonly AssessInput[], stance: 'supports' | 'refutes'): Map<string, Reliability> {
  const out = new Map<string, Reliability>();
  for (const item of items) {
    if (item.match && item.reliability && item.evidence.stance === stance) out.set(item.evidence.source, item.reliability);
  }
  return out;
}

function strength(side: ReadonlyMap<string, Reliability>): 'strong' | 'weak' | 'none' {
  if (side.size === 0) return 'none';
  const levels = [...side.values()];
  if (levels.includes('high')) return 'strong';
  return levels.filter((l) => l === 'medium').length >= MEDIUM_SOURCES_FOR_STRONG ? 'strong' : 'weak';
}

function lackingReason(verdict: Verdict, level: SupportLevel, refuters: ReadonlyMap<string, Reliability>, verified: number): string | null {
  if (verified === 0) return 'no verified evidence';
  if (verdict === 'supported' && level !== 'strong') return `verdict is supported but the verified evidence is ${level}`;
  if (verdict === 'refuted' && ![...refuters.values()].some((r) => r !== 'low')) {
    return refuters.size === 0 ? 'verdict is refuted but no verified evidence refutes it' : 'verdict is refuted but only low-reliability sources refute it';
  }
  return null;
}

/** Derives a claim's support from its evidence, per the rule in this module's header. */
export function assessSupport(verdict: Verdict, items: readonly AssessInput[]): Support {
  const supporters = sideSources(items, 'supports');
  const refuters = sideSources(items, 'refutes');
  const level: SupportLevel = supporters.size > 0 && refuters.size > 0 ? 'contested' : strength(supporters);
  const verified = items.filter((i) => i.match !== null && i.reliability !== undefined).length;
  return {
    level,
    supportedBy: [...supporters.keys()].sort(),
    refutedBy: [...refuters.keys()].sort(),
    lacking: lackingReason(verdict, level, refuters, verified),
  };
}
