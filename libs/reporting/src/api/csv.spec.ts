import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
  it('quotes fields with quotes, commas and line breaks (RFC 4180), CRLF line ends, empty for null', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['say "hi", then', 'two\nlines'],
          [null, 3],
        ],
      ),
    ).toBe('a,b\r\n"say ""hi"", then","two\nlines"\r\n,3\r\n');
  });

  it('defuses cells a spreadsheet would run as a formula', () => {
    expect(
      toCsv(['x'], [['=HYPERLINK("http://evil")'], ['+1'], ['-2'], ['@SUM(A1)'], ['\tx'], ['ok=1']]),
    ).toBe('x\r\n"\'=HYPERLINK(""http://evil"")"\r\n\'+1\r\n\'-2\r\n\'@SUM(A1)\r\n\'\tx\r\nok=1\r\n');
  });

  it('writes numbers as they are', () => {
    expect(toCsv(['n'], [[0], [156000.5]])).toBe('n\r\n0\r\n156000.5\r\n');
  });
});
