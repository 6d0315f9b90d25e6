/** CSAT ratings: the label the widget shows and the integer score the database stores. */
export type Score = 1 | 2 | 3 | 4 | 5;
export type Sentiment = 'positive' | 'neutral' | 'negative';

export const SCORE_LABELS: Record<Score, string> = { 1: 'terrible', 2: 'bad', 3: 'okay', 4: 'good', 5: 'great' };

const LABEL_SCORES: Record<string, Score> = {
  terrible: 1,
  awful: 1,
  bad: 2,
  poor: 2,
  okay: 3,
  ok: 3,
  neutral: 3,
  good: 4,
  great: 5,
  excellent: 5,
  amazing: 5,
};

export const ACCEPTED_RATINGS_MESSAGE =
  'rating must be one of terrible, bad, okay, good, great (or awful, poor, ok, neutral, excellent, amazing), ' +
  'or an integer from 1 to 5';

/**
 * A label (any case, surrounding spaces ignored, synonyms accepted) or an integer 1-5 given as a
 * number or a numeric string → the score; anything else → null. Never guesses.
 */
export function ratingToScore(rating: unknown): Score | null {
  if (typeof rating === 'number') {
    return Number.isInteger(rating) && rating >= 1 && rating <= 5 ? (rating as Score) : null;
  }
  if (typeof rating !== 'string') return null;
  const text = rating.trim().toLowerCase();
  if (Object.hasOwn(LABEL_SCORES, text)) return LABEL_SCORES[text];
  const numeric = /^([1-5])(\.0+)?$/.exec(text);
  return numeric ? (Number(numeric[1]) as Score) : null;
}

export function scoreLabel(score: number): string {
  return SCORE_LABELS[score as Score];
}

export function sentiment(score: number): Sentiment {
  return score >= 4 ? 'positive' : score === 3 ? 'neutral' : 'negative';
}
