// The browser client's static files: the service worker caches every one of them (so the pages
// load offline), and none of them loads anything from another origin.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import test from 'node:test';
import { fileURLToPath } from 'node:url';

const WEBAPP = fileURLToPath(new URL('../../main/webapp/', import.meta.url));

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (name === 'WEB-INF' || name === 'META-INF') {
      return [];
    }
    return statSync(p).isDirectory() ? files(p) : [relative(WEBAPP, p)];
  });
}

function shellList() {
  const sw = readFileSync(join(WEBAPP, 'sw.js'), 'utf8');
  const m = sw.match(/const SHELL = \[([\s\S]*?)\];/);
  assert.ok(m, 'sw.js declares const SHELL = [...]');
  return [...m[1].matchAll(/'([^']+)'/g)].map((x) => x[1]);
}

test('the service worker caches every static file of the webapp', () => {
  const shell = shellList();
  const statics = files(WEBAPP).filter((f) => f !== 'sw.js' && /\.(html|js|css|svg|png|ico|json)$/.test(f));
  const missing = statics.filter((f) => !shell.includes(f));
  assert.deepEqual(missing, [], `add these to SHELL in sw.js: ${missing.join(', ')}`);
  const gone = shell.filter((f) => f !== './' && !statics.includes(f));
  assert.deepEqual(gone, [], `SHELL lists files that do not exist: ${gone.join(', ')}`);
  assert.ok(shell.includes('./'), 'the root (index page) is cached');
});

test('the pages load nothing from another origin', () => {
  for (const f of files(WEBAPP).filter((x) => /\.(html|css)$/.test(x) || /^(app|sw)\.js$|^js\/app\//.test(x))) {
    const text = readFileSync(join(WEBAPP, f), 'utf8');
    assert.doesNotMatch(text, /(src|href)\s*=\s*["']?(https?:)?\/\//i, `${f} refers to another origin`);
    assert.doesNotMatch(text, /url\(\s*["']?(https?:)?\/\//i, `${f} refers to another origin`);
    assert.doesNotMatch(text, /(import|from)\s*\(?\s*["']https?:/i, `${f} imports from another origin`);
    assert.doesNotMatch(text, /@import/i, `${f} imports CSS`);
  }
});
