import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

describe('CI', () => {
  it("runs exactly README's test command", () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const testCommand = /\*\*Run every test\*\*\s+```sh\n([^\n]+)\n```/.exec(readme)?.[1];
    const ci = fs.readFileSync(path.join(root, '.ci/run'), 'utf8').trim().split('\n');
    expect(testCommand).toBeTruthy();
    expect(ci.at(-1)).toBe(testCommand);
  });
});
