// `npm run lint:electron`: Doyensec's Electron security scanner, electronegativity, over the
// main-process sources (window, preload, IPC, session). Its CLI prints findings but always exits
// 0, so this runs it through its API and fails on any finding or unparsable file. A finding that
// is accepted carries an `eng-disable CHECK_ID` comment with the reason next to the code.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { relative, resolve } from 'node:path';
import { tsImport } from 'tsx/esm/api';

const require = createRequire(import.meta.url);
const run = require('@doyensec/electronegativity');
// The CSP evaluator electronegativity's CSP_GLOBAL_CHECK uses (its own dependency).
const csp = createRequire(require.resolve('@doyensec/electronegativity'))(
  '@doyensec/csp-evaluator',
);
const electron = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8'));

// AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK (class AvailableSecurityFixesGlobalCheck) downloads Electron's release list to report newer
// patch releases: it needs the network (tests run offline) and would fail the build whenever
// Electron ships a release. Dependency updates are reviewed separately.
const EXCLUDED = ['AvailableSecurityFixesGlobalCheck'];

const inputs = process.argv.length > 2 ? process.argv.slice(2) : ['src-main'];
let failures = 0;
for (const input of inputs) {
  const { issues, errors } = await run(
    {
      input: resolve(input),
      // The sources have no package.json of their own to read the version from.
      electronVersionOverride: electron.version,
      excludeFromScan: EXCLUDED,
      customScan: [],
      isRelative: false,
      parserPlugins: [],
    },
    false,
  );
  for (const error of errors.filter((e) => !e.tolerable)) {
    failures++;
    console.error(`${relative('.', error.file)}: could not be scanned: ${error.message}`);
  }
  for (const issue of issues) {
    failures++;
    const where = issue.file === 'N/A' ? input : relative('.', issue.file);
    console.error(
      `${where}:${issue.location.line}:${issue.location.column} ${issue.id} ` +
        `(${issue.severity.name}, ${issue.confidence.name}): ${issue.description} ${issue.shortenedURL ?? ''}`,
    );
  }
}
// electronegativity evaluates a CSP only where it is a string literal; ours is built by
// contentSecurityPolicy() (content-security-policy.ts), so it is evaluated here, packaged and in
// development, the same way: any HIGH or MEDIUM finding, certain or possible, fails.
const ACCEPTED = [
  {
    directive: 'script-src',
    // "'self' can be problematic if you host JSONP, Angular or user uploaded files": 'self' is
    // app://rnn-studio, which serves only the built renderer (no JSONP, no Angular, no uploads).
    description: /^'self' can be problematic/,
  },
];
const { contentSecurityPolicy } = await tsImport(
  '../../src-main/app/content-security-policy.ts',
  import.meta.url,
);
for (const [label, policy] of [
  ['packaged', contentSecurityPolicy(null)],
  ['development', contentSecurityPolicy('http://localhost:5173/')],
]) {
  const parsed = new csp.CspParser(policy).csp;
  for (const finding of new csp.CspEvaluator(parsed, csp.Version.CSP3).evaluate()) {
    const serious = finding.severity <= csp.severities.MEDIUM_MAYBE;
    const accepted = ACCEPTED.some(
      (a) => a.directive === finding.directive && a.description.test(finding.description),
    );
    if (serious && !accepted) {
      failures++;
      console.error(`CSP (${label}) ${finding.directive}: ${finding.description}`);
    }
  }
}

if (failures > 0) {
  console.error(`electronegativity: ${failures} finding(s)`);
  process.exit(1);
}
console.log(
  `electronegativity (Electron ${electron.version}): no findings in ${inputs.join(', ')}; CSP evaluated`,
);
