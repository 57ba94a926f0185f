import { describe, expect, it } from 'vitest';
import { reportDays } from './report-days';

describe('reportDays', () => {
  it('whole days from the rollup, the partial days at both ends from the facts', () => {
    expect(reportDays('2030-03-04T09:00:00-03:00', '2030-03-06T09:30:00Z')).toEqual({
      days: ['2030-03-05', '2030-03-06'],
      edges: [
        ['2030-03-04T12:00:00.000Z', '2030-03-05T00:00:00.000Z'],
        ['2030-03-06T00:00:00.000Z', '2030-03-06T09:30:00.000Z'],
      ],
    });
  });

  it('a range of whole days has empty edges', () => {
    expect(reportDays('2030-03-04T00:00:00Z', '2030-03-06T00:00:00Z')).toEqual({
      days: ['2030-03-04', '2030-03-06'],
      edges: [
        ['2030-03-04T00:00:00.000Z', '2030-03-04T00:00:00.000Z'],
        ['2030-03-06T00:00:00.000Z', '2030-03-06T00:00:00.000Z'],
      ],
    });
  });

  it('a range inside one day, or across one midnight, is read from the facts alone', () => {
    expect(reportDays('2030-03-04T10:00:00Z', '2030-03-05T02:00:00Z')).toEqual({
      days: ['2030-03-05', '2030-03-05'],
      edges: [
        ['2030-03-04T10:00:00.000Z', '2030-03-05T02:00:00.000Z'],
        ['2030-03-05T02:00:00.000Z', '2030-03-05T02:00:00.000Z'],
      ],
    });
  });
});
