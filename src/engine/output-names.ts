/**
 * The files a clean build writes to its output folder.
 */
import { OUTPUT_FILES } from '../emit/names.js';
import { INDEX_MAP_FILE } from '../search/index-map-format.js';

/** Every output file's name: the JSON outputs and the index map. */
export const OUTPUT_NAMES: readonly string[] = [...OUTPUT_FILES, INDEX_MAP_FILE];
