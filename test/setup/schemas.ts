// The tests run the TypeScript sources, from which parse-file cannot require the compiled schema
// module on first use (the CLI and its workers, run from dist/, do): give it the source module.
import { provideSchemas } from '../../src/load/parse-file.js';
import * as schemas from '../../src/schema.js';

provideSchemas(schemas);
