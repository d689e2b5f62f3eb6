/**
 * The names of the JSON outputs (a module of its own, so that code which only needs the names loads nothing else).
 */

/** The JSON output files of a build, by name. */
export const OUTPUT_FILES = ['claims.json', 'index.json', 'report.json', 'sources.json'] as const;

/** The name of the index file in the output folder. */
export const INDEX_FILE = 'index.json';
