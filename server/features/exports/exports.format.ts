import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';

/** Columns of one export, in order; the open-data README documents the same list. */
export type Columns<Row> = readonly (keyof Row & string)[];

/**
 * A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection"):
 * such a cell gets a leading apostrophe, which spreadsheets show as text and do not store.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** RFC 4180 CSV (CRLF, quoted where needed), UTF-8 with a BOM so spreadsheets read accents right. */
export function toCsv<Row extends object>(rows: AsyncIterable<Row>, columns: Columns<Row>): Readable {
  return Readable.from(rows).pipe(
    stringify({
      bom: true,
      header: true,
      columns: [...columns],
      record_delimiter: 'windows',
      cast: { string: neutraliseFormula, date: (value) => value.toISOString(), boolean: (value) => (value ? 'true' : 'false') },
    }),
  );
}

/** One JSON object per line, with exactly the export's columns. */
export function toJsonLines<Row extends object>(rows: AsyncIterable<Row>, columns: Columns<Row>): Readable {
  return Readable.from(
    (async function* () {
      for await (const row of rows) yield `${JSON.stringify(Object.fromEntries(columns.map((c) => [c, row[c]])))}\n`;
    })(),
  );
}
