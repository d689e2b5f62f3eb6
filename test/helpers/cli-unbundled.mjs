// Runs the CLI from dist/'s ES modules, as bin/claimkb.js does when there is no fresh bundle: for the
// tests that check which of claimkb's own modules a command loads (node --import log-imports.mjs …),
// which the bundle, one file, cannot show. Packages are required the same way either way.
import { main } from '../../dist/cli/main.js';

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
