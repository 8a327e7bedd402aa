import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CsvRowReader, rows } from '../../electron/core/sources/csv/csv-rows';
import type { CsvRow } from '../../electron/core/sources/csv/csv-rows';

/** Every row of `text`, fed in pieces of `size` bytes (cutting CRLFs, quotes and UTF-8 sequences). */
function read(text: string, size = 1 << 16): CsvRow[] {
  const bytes = Buffer.from(text);
  const reader = new CsvRowReader();
  const out: CsvRow[] = [];
  for (let i = 0; i < bytes.length; i += size)
    out.push(...reader.push(bytes.subarray(i, i + size)));
  return [...out, ...reader.end()];
}

describe('reading CSV rows as exports write them', () => {
  it('reads quotes, doubled quotes, quoted line breaks, mixed line ends, a BOM and no final newline', () => {
    const text = '\uFEFFid,name,note\r\n1,"Smith, Jo","said ""hi"""\n2,Zoë,"two\nlines"\r3,x,';
    expect(read(text)).toEqual([
      { row: ['id', 'name', 'note'], line: 1 },
      { row: ['1', 'Smith, Jo', 'said "hi"'], line: 2 },
      { row: ['2', 'Zoë', 'two\nlines'], line: 3 },
      { row: ['3', 'x', ''], line: 5 },
    ]);
  });

  it('gives the same rows however the bytes arrive, and the same cells as csv-parse on valid CSV', () => {
    const text =
      'a,b,c\r\n"q,1","x""y",\n\n"multi\r\nline",é,"ü"\r\nlast,"",z\n' +
      Array.from({ length: 50 }, (_, i) => `${i},"v ${i}",plain ${i}`).join('\n');
    const whole = read(text);
    for (const size of [1, 2, 3, 7, 64]) expect(read(text, size)).toEqual(whole);
    const expected = parse(text, { relax_column_count: true, record_delimiter: ['\r\n', '\n'] });
    expect(whole.map((r) => r.row)).toEqual(expected);
  });

  it('loses only the row whose closing quote is followed by text, and keeps a stray quote as text', () => {
    expect(read('a,b\nx,"abc"y,z\nO"Brien,1\n')).toEqual([
      { row: ['a', 'b'], line: 1 },
      { row: [], line: 2, error: 'a closing quote in field 2 is followed by more text' },
      { row: ['O"Brien', '1'], line: 3 },
    ]);
  });

  it('reports every line a quote that never closes swallows, at its own line', async () => {
    const text = 'h,i\n1,2\n3,"open\n5,6\n7,8\n';
    const lost = 'inside a quote opened on line 3 that is never closed (lines 3-5 are lost)';
    const streamed: CsvRow[] = [];
    for await (const r of rows(Readable.from([Buffer.from(text)]))) streamed.push(r);
    expect(streamed).toEqual([
      { row: ['h', 'i'], line: 1 },
      { row: ['1', '2'], line: 2 },
      ...[3, 4, 5].map((line) => ({ row: [], line, error: lost })),
    ]);
    for (const size of [1, 5]) expect(read(text, size)).toEqual(streamed);
  });
});
