import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readExport } from '../../src/legacy/export-reader';
import { parseExtendedJson } from '../../src/legacy/extended-json';

describe('parseExtendedJson (mongoexport, relaxed and canonical)', () => {
  it('unwraps ObjectIds, dates, decimals and numbers, nested anywhere', () => {
    const doc = parseExtendedJson(
      JSON.stringify({
        _id: { $oid: '65a1f0c2e4b0a1b2c3d4e5f6' },
        relaxed: { $date: '2024-03-01T10:00:00.000Z' },
        canonical: { $date: { $numberLong: '1709287200000' } },
        total: { $numberDecimal: '129.90' },
        int: { $numberInt: '42' },
        long: { $numberLong: '9007199254740991' },
        hugeLong: { $numberLong: '9007199254740993' },
        double: { $numberDouble: '12.5' },
        items: [{ productId: { $oid: '65a1f0c2e4b0a1b2c3d4e5f7' }, price: { $numberDecimal: '59.00' } }],
      }),
    );
    expect(doc).toEqual({
      _id: '65a1f0c2e4b0a1b2c3d4e5f6',
      relaxed: new Date('2024-03-01T10:00:00.000Z'),
      canonical: new Date('2024-03-01T10:00:00.000Z'),
      total: '129.90',
      int: 42,
      long: 9007199254740991,
      hugeLong: '9007199254740993',
      double: 12.5,
      items: [{ productId: '65a1f0c2e4b0a1b2c3d4e5f7', price: '59.00' }],
    });
  });

  it('keeps a $date it cannot read as an invalid Date, for the caller to name', () => {
    const { at } = parseExtendedJson('{"at":{"$date":"someday"}}') as { at: Date };
    expect(at).toBeInstanceOf(Date);
    expect(Number.isNaN(at.getTime())).toBe(true);
  });

  it('leaves unknown wrappers and ordinary objects with $-free keys alone', () => {
    expect(parseExtendedJson('{"a":{"$regularExpression":{"pattern":"x","options":""}},"b":{"$oid":"x","c":1}}')).toEqual({
      a: { $regularExpression: { pattern: 'x', options: '' } },
      b: { $oid: 'x', c: 1 },
    });
  });

  it('keeps a "__proto__" key a plain property', () => {
    const doc = parseExtendedJson('{"__proto__":{"$date":"2024-03-01T10:00:00Z"}}') as object;
    expect(Object.getPrototypeOf(doc)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(doc, '__proto__')?.value).toEqual(new Date('2024-03-01T10:00:00Z'));
  });

  it('throws on text that is not JSON', () => {
    expect(() => parseExtendedJson('{"_id": ')).toThrow(SyntaxError);
  });
});

describe('readExport', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'legacy-reader-'));
  const read = async (content: string) => {
    const file = path.join(dir, `f${Math.random()}.json`);
    fs.writeFileSync(file, content);
    const docs = [];
    for await (const doc of readExport(file)) docs.push(doc);
    return docs;
  };

  it('reads one document per line, skipping blank lines, with CRLF and a BOM', async () => {
    expect(await read('\uFEFF{"a":1}\r\n\r\n{"b":"x\\ny"}\n')).toEqual([
      { line: 1, text: '{"a":1}' },
      { line: 3, text: '{"b":"x\\ny"}' },
    ]);
  });

  it('splits a one-line JSON array without being fooled by brackets, commas or quotes in strings', async () => {
    const docs = [{ a: '],[{,}' }, { b: ['x', { c: '"\\' }] }, { d: null }];
    expect((await read(JSON.stringify(docs))).map((d) => JSON.parse(d.text))).toEqual(docs);
  });

  it('reads a pretty-printed array with the line each document starts on', async () => {
    const docs = await read(JSON.stringify([{ a: 1 }, { b: 2 }], null, 2));
    expect(docs.map((d) => d.line)).toEqual([2, 5]);
  });

  it('hands over a truncated last element so it can be reported', async () => {
    expect(await read('[{"a":1},{"b":')).toEqual([
      { line: 1, text: '{"a":1}' },
      { line: 1, text: '{"b":' },
    ]);
  });

  it('handles documents split across read chunks', async () => {
    const docs = Array.from({ length: 3000 }, (_, i) => ({ i, pad: 'x'.repeat(50) }));
    const parsed = (await read(JSON.stringify(docs))).map((d) => JSON.parse(d.text));
    expect(parsed).toEqual(docs);
  });
});
