/**
 * The sources as claims' resolution needs them, in a form that can be sent to worker threads: each
 * source id's first file with its frontmatter and, when the main thread has it, its body. A worker that
 * needs the body of a source it was not sent parses the file again (its content hash is checked).
 */
import type { Position } from '../diagnostics.js';
import type { ParsedSource } from '../model.js';
import type { SourceMeta } from '../schema.js';
import { QuoteVerifier } from '../verify/verify.js';
import type { ResolveEnv } from './resolve-one.js';
import { ChangedDuringBuild } from './types.js';

/** A source as sent to a worker. */
export interface SourceInfo {
  id: string;
  file: string;
  abs: string;
  hash: string;
  size: number;
  meta: SourceMeta;
  body?: string;
  bodyStart?: Position;
}

/** A resolution environment over `infos`; `parse` reads a source whose body was not sent. */
export function envOf(infos: readonly SourceInfo[], render: boolean, parse: (info: SourceInfo) => ParsedSource): ResolveEnv {
  const sources = new Map(infos.map((s) => [s.id, s] as const));
  const bodies = new Map<string, { file: string; body: string; bodyStart: Position }>();
  const verifier = new QuoteVerifier((id) => {
    const info = sources.get(id);
    if (!info) return undefined;
    if (info.body !== undefined && info.bodyStart) return { file: info.file, body: info.body, bodyStart: info.bodyStart };
    let b = bodies.get(id);
    if (!b) {
      const parsed = parse(info);
      if (parsed.hash !== info.hash) throw new ChangedDuringBuild(`${info.file} changed during the build`);
      bodies.set(id, (b = { file: parsed.file, body: parsed.body, bodyStart: parsed.bodyStart }));
    }
    return b;
  });
  return { sources, verifier, render };
}
