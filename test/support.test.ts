import { describe, expect, it } from 'vitest';
import type { QuoteLocation } from '../src/model.js';
import { assessSupport, type AssessInput } from '../src/support/assess.js';
import type { Reliability } from '../src/vocab.js';

const HIT: QuoteLocation = { tier: 'exact', start: { line: 1, column: 1 }, end: { line: 1, column: 5 }, occurrences: 1 };
const ev = (source: string, stance: 'supports' | 'refutes' | 'context', reliability: Reliability | undefined, verified = true): AssessInput => ({
  evidence: { source, stance },
  match: verified ? HIT : null,
  reliability,
});

describe('support derivation', () => {
  it('is strong with one high source, or two medium ones', () => {
    expect(assessSupport('supported', [ev('a', 'supports', 'high')])).toEqual({ level: 'strong', supportedBy: ['a'], refutedBy: [], lacking: null });
    expect(assessSupport('supported', [ev('b', 'supports', 'medium'), ev('a', 'supports', 'medium')]).level).toBe('strong');
  });

  it('is weak with one medium source or low sources only, and a supported verdict then lacks support', () => {
    expect(assessSupport('supported', [ev('a', 'supports', 'medium')])).toEqual({
      level: 'weak', supportedBy: ['a'], refutedBy: [], lacking: 'verdict is supported but the verified evidence is weak',
    });
    expect(assessSupport('supported', [ev('a', 'supports', 'low'), ev('b', 'supports', 'low')]).level).toBe('weak');
  });

  it('counts a source once however many quotes it gives', () => {
    expect(assessSupport('supported', [ev('a', 'supports', 'medium'), ev('a', 'supports', 'medium')]).level).toBe('weak');
  });

  it('is contested when verified evidence points both ways', () => {
    const s = assessSupport('supported', [ev('a', 'supports', 'high'), ev('b', 'refutes', 'medium')]);
    expect(s).toEqual({ level: 'contested', supportedBy: ['a'], refutedBy: ['b'], lacking: 'verdict is supported but the verified evidence is contested' });
  });

  it('ignores unverified quotes and unknown sources', () => {
    const s = assessSupport('supported', [ev('a', 'supports', 'high', false), ev('x', 'supports', undefined)]);
    expect(s).toEqual({ level: 'none', supportedBy: [], refutedBy: [], lacking: 'no verified evidence' });
  });

  it('needs a medium or high refuting source for a refuted verdict', () => {
    expect(assessSupport('refuted', [ev('a', 'refutes', 'high')])).toEqual({ level: 'none', supportedBy: [], refutedBy: ['a'], lacking: null });
    expect(assessSupport('refuted', [ev('a', 'refutes', 'low')]).lacking).toBe('verdict is refuted but only low-reliability sources refute it');
    expect(assessSupport('refuted', [ev('a', 'context', 'high')]).lacking).toBe('verdict is refuted but no verified evidence refutes it');
  });

  it('lets misleading and unverified claims rest on context, but not on nothing', () => {
    expect(assessSupport('misleading', [ev('a', 'context', 'high')]).lacking).toBeNull();
    expect(assessSupport('unverified', []).lacking).toBe('no verified evidence');
  });
});
