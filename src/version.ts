/** Version stamps written into every output, checked when outputs are read back. */

/** The tool's version (kept in step with package.json by a test). */
export const TOOL_VERSION = '0.1.0';
/** The version of the JSON output schemas in schema/; bumped on any incompatible change. */
export const SCHEMA_VERSION = 1;
/** The version of the serialized search index layout (2: the header holds a sha256 of the serialized index). */
export const INDEX_FORMAT_VERSION = 2;
