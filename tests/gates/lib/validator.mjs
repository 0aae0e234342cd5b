// The Nu Html Checker (vnu.jar from the vnu-jar npm package) on every HTML and SVG file.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { filesUnder } from './links.mjs';

const require = createRequire(import.meta.url);

/** Runs vnu over `root`; returns {files, errors: [{file, line, column, message}]}. */
export function validate(root) {
  root = path.resolve(root);
  const jar = require('vnu-jar');
  const files = filesUnder(root, ['.html', '.svg']);
  // One JVM for all files; --also-check-svg makes vnu validate the SVG files too.
  const run = spawnSync('java', ['-jar', jar, '--errors-only', '--format', 'json', '--also-check-svg', ...files], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.error) throw new Error(`cannot run java -jar ${jar}: ${run.error.message}`);
  let report;
  try {
    report = JSON.parse(run.stderr || '{"messages": []}');
  } catch (error) {
    throw new Error(`vnu printed no JSON report (exit ${run.status}):\n${run.stderr}\n${run.stdout}`);
  }
  const errors = report.messages
    .filter((m) => m.type === 'error' || m.subType === 'fatal')
    .map((m) => ({
      file: m.url ? path.relative(root, decodeURIComponent(new URL(m.url).pathname)) : '?',
      line: m.lastLine,
      column: m.firstColumn ?? m.lastColumn,
      message: m.message,
    }));
  return { files: files.length, errors };
}
