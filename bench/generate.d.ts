/** Types of bench/generate.js (for the tests that generate knowledge bases with it). */
export declare const GENERATOR_VERSION: number;
export declare const VOCABULARY_SIZE: number;
export declare function dataDigest(dir: string): string;
export declare function generate(n: number, dir: string, seed?: number): { generatorVersion: number; n: number; seed: number; sources: number; claims: number; bytes: number; sha256: string };
