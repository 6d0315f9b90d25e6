import fc from 'fast-check';
import {
  normaliseEmail,
  normaliseOrderNumber,
  normalisePhone,
  parseOrderNumber,
  ratingToScore,
  scoreLabel,
  sentiment,
} from '../../src/common/normalize';

describe('ratingToScore', () => {
  it.each([
    ['terrible', 1], ['awful', 1], ['bad', 2], ['poor', 2], ['okay', 3], ['ok', 3], ['neutral', 3],
    ['good', 4], ['great', 5], ['excellent', 5], ['amazing', 5],
    ['Great ', 5], ['  OK', 3], ['GOOD', 4], ['4', 4], [' 5 ', 5], ['3.0', 3], [1, 1], [5, 5],
  ])('%p → %p', (input, score) => {
    expect(ratingToScore(input)).toBe(score);
  });

  it.each([['meh'], [''], ['0'], ['6'], ['4.5'], [0], [6], [4.5], [NaN], [null], [undefined], [true], [{}], [['5']], ['g o o d'], ['constructor'], ['__proto__'], ['toString']])(
    'refuses %p',
    (input) => {
      expect(ratingToScore(input)).toBeNull();
    },
  );

  it('always yields an integer 1-5 or null, whatever the input', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const score = ratingToScore(input);
        expect(score === null || (Number.isInteger(score) && score >= 1 && score <= 5)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips every score through its label', () => {
    for (const score of [1, 2, 3, 4, 5]) expect(ratingToScore(scoreLabel(score))).toBe(score);
  });

  it('derives the sentiment', () => {
    expect([1, 2, 3, 4, 5].map(sentiment)).toEqual(['negative', 'negative', 'neutral', 'positive', 'positive']);
  });
});

describe('order numbers', () => {
  it('normalises as the contract says', () => {
    expect(normaliseOrderNumber(' #gg-12001 ')).toBe('GG-12001');
    expect(parseOrderNumber(' #gg-12001 ')).toBe('GG-12001');
    expect(parseOrderNumber('##1')).toBeNull();
    expect(parseOrderNumber('-1')).toBeNull();
    expect(parseOrderNumber('A'.repeat(65))).toBeNull();
    expect(parseOrderNumber(12001)).toBeNull();
    expect(parseOrderNumber('gg 12001')).toBeNull();
  });

  it('is idempotent and always yields a valid number or null', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (raw) => {
        const value = parseOrderNumber(raw);
        if (value !== null) {
          expect(value).toMatch(/^[A-Z0-9][A-Z0-9_-]{0,63}$/);
          expect(parseOrderNumber(value)).toBe(value);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('contacts', () => {
  it('trims and lower-cases emails', () => {
    expect(normaliseEmail('  Ada@Example.COM ')).toBe('ada@example.com');
  });

  it('writes phones in E.164', () => {
    expect(normalisePhone('+1-555-012-3456', 'US')).toBe('+15550123456');
    expect(normalisePhone('(415) 555-2671', 'US')).toBe('+14155552671');
    expect(normalisePhone('030 1234567', 'DE')).toBe('+49301234567');
    expect(normalisePhone('12', 'US')).toBeNull();
    expect(normalisePhone('not a phone', 'US')).toBeNull();
  });
});
