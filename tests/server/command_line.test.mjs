// The server's command line as an operator types it: a misspelled or abbreviated option, an
// option of another command, a stray word or a missing value is refused with exit status 2,
// the usage and the options the command takes, and nothing is written; the right spelling
// (also --key=value) works.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BIN, tempDir } from './harness.mjs';

const run = (...args) => spawnSync(BIN, args, { encoding: 'utf8' });

test('a misspelled, abbreviated or foreign option is a usage error that writes nothing', () => {
  const tmp = tempDir();
  try {
    const file = path.join(tmp.dir, 'dq.db');
    const db = `sqlite:${file}`;
    const cases = [
      [['admin', 'issue-code', '--db', db, '--venu', 'cho'], /unrecognised option '--venu'|unrecognized option '--venu'/],
      [['admin', 'issue-code', '--db', db, '--ven', 'cho'], /unrecognised option '--ven'|unrecognized option '--ven'/],
      [['admin', 'issue-code', '--db', db, '--venue', 'cho', '--username', 'x'], /--username/],
      [['admin', 'issue-code', '--db', db, '--venue', 'cho', 'extra'], /too many positional|extra/],
      [['admin', 'issue-code', '--db', db, '--venue'], /--venue/],
      [['serve', '--db', db, '--lisen', '127.0.0.1:0'], /--lisen/],
      [['admin', 'issu-code', '--db', db], /unknown admin subcommand 'issu-code'/],
      [['serv', '--db', db], /unknown command 'serv'/],
    ];
    for (const [args, why] of cases) {
      const r = run(...args);
      assert.equal(r.status, 2, `${args.join(' ')} → ${r.status}: ${r.stderr}`);
      assert.match(r.stderr, why, args.join(' '));
      assert.match(r.stderr, /Usage|diemquet-server serve/, 'the usage follows the error');
    }
    assert.ok(!fs.existsSync(file), 'a refused command line opened no database');
    // The error names what the command does take.
    assert.match(run('admin', 'issue-code', '--db', db, '--venu', 'cho').stderr, /takes:.*--venue.*--count.*--ttl-hours/);
  } finally {
    tmp.cleanup();
  }
});

test('the right spelling works, also as --key=value; help exits 0', () => {
  const tmp = tempDir();
  try {
    const db = `sqlite:${path.join(tmp.dir, 'dq.db')}`;
    let r = run('migrate', `--db=${db}`);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /schema version \d+/);
    r = run('admin', 'list-venues', '--db', db);
    assert.equal(r.status, 0, r.stderr);
    r = run('help');
    assert.equal(r.status, 0);
    assert.match(r.stdout, /admin issue-code/);
    r = run('admin', 'issue-code', '--help');
    assert.equal(r.status, 0);
  } finally {
    tmp.cleanup();
  }
});
