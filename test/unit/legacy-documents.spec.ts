import { mapDocument } from '../../src/legacy/legacy-documents';

const ctx = { phoneRegion: 'US' };
const csat = (fields: Record<string, unknown>) =>
  mapDocument('csatFeedback', JSON.stringify({ _id: { $oid: 'c1' }, sessionId: 's', createdAt: { $date: '2024-03-01T10:00:00Z' }, ...fields }), ctx);
const order = (fields: Record<string, unknown>) =>
  mapDocument(
    'orders',
    JSON.stringify({ _id: 'o1', orderNumber: 'GG-1', total: '1.00', currency: 'USD', status: 'paid', createdAt: '2024-03-01T10:00:00Z', ...fields }),
    ctx,
  );

describe('mapDocument: legacy CSAT ratings use the API rules and are never guessed', () => {
  it.each([
    [{ rating: 'great' }, 5],
    [{ rating: ' Terrible ' }, 1],
    [{ rating: 3 }, 3],
    [{ rating: '4' }, 4],
    [{ rating: 'good', score: 5 }, 5],
    [{ rating: 'good', score: { $numberInt: '2' } }, 2],
    [{ rating: 'good', score: 9 }, 4],
    [{ score: 5 }, 5],
  ])('%j → score %i', (fields, score) => {
    expect(csat(fields).row).toMatchObject({ score });
  });

  it.each([
    [{ rating: 'meh' }, 'rating "meh" cannot be converted to a 1-5 score'],
    [{ rating: 4.5 }, 'rating 4.5 cannot be converted to a 1-5 score'],
    [{ rating: 'meh', score: 0 }, 'rating "meh" cannot be converted to a 1-5 score'],
    [{}, 'missing required field rating'],
    [{ score: 6 }, 'score 6 is not 1-5 and there is no rating'],
  ])('%j is rejected: %s', (fields, reason) => {
    expect(csat(fields)).toEqual({ legacyId: 'c1', reason });
  });

  it('keeps the label it was given, or the score’s label when there was none', () => {
    expect(csat({ rating: ' Great ' }).row).toMatchObject({ rating: ' Great ', score: 5 });
    expect(csat({ score: 4 }).row).toMatchObject({ rating: 'good', score: 4 });
  });
});

describe('mapDocument: dates, money, ids and unstorable text', () => {
  it.each([
    ['2024-03-01T10:00:00Z', '2024-03-01T10:00:00.000Z'],
    ['2024-03-01T12:00:00+02:00', '2024-03-01T10:00:00.000Z'],
    ['2024-03-01', '2024-03-01T00:00:00.000Z'],
    [{ $date: { $numberLong: '1709287200000' } }, '2024-03-01T10:00:00.000Z'],
  ])('reads the date %j', (createdAt, iso) => {
    expect((order({ createdAt }).row?.placedAt as Date).toISOString()).toBe(iso);
  });

  it.each([['2024-02-30T10:00:00Z'], ['2024-03-01T10:00:00'], ['01/03/2024'], [1709287200000], [{ $date: 'soon' }], [{ $date: { $numberLong: '999999999999999' } }]])(
    'refuses the date %j',
    (createdAt) => {
      expect(order({ createdAt }).reason).toMatch(/^bad date in createdAt/);
    },
  );

  it.each([
    [59, '59.00'],
    [129.9, '129.90'],
    ['45.5', '45.50'],
    [{ $numberDecimal: '129.900' }, '129.90'],
    [{ $numberDouble: '12.0' }, '12.00'],
  ])('reads the total %j as %s', (total, text) => {
    expect(order({ total }).row).toMatchObject({ total: text });
  });

  it.each([[12.345], ['-1'], ['1e3'], [0.30000000000000004], [true]])('refuses the total %j', (total) => {
    expect(order({ total }).reason).toMatch(/^total .* is not an amount with at most two decimals$/);
  });

  it('uses the Mongo _id as the external id unless the order has one', () => {
    expect(order({}).row).toMatchObject({ legacyId: 'o1', externalId: 'o1' });
    expect(order({ externalId: 'shop-1' }).row).toMatchObject({ legacyId: 'o1', externalId: 'shop-1' });
  });

  it('names the _id of a document that is not valid JSON when it can, and refuses one without _id', () => {
    expect(mapDocument('orders', '{"_id":{"$oid":"abc"},"orderNumber":', ctx)).toEqual({ legacyId: 'abc', reason: expect.stringMatching(/^invalid JSON/) });
    expect(mapDocument('orders', '{"orderNumber":"GG-1"}', ctx)).toEqual({ legacyId: null, reason: 'missing required field _id' });
    expect(mapDocument('orders', '[1]', ctx)).toEqual({ legacyId: null, reason: 'not a document (a JSON object)' });
  });

  it('refuses text PostgreSQL cannot store instead of failing the whole batch', () => {
    expect(csat({ rating: 'good', notes: 'a\u0000b' }).reason).toMatch(/cannot store/);
    expect(mapDocument('csatFeedback', '{"_id":"c","sessionId":"s","rating":"good","notes":"\\ud800","createdAt":"2024-03-01"}', ctx).reason).toMatch(/cannot store/);
  });
});

describe('mapDocument: subscriptions', () => {
  const sub = (fields: Record<string, unknown>) =>
    mapDocument('widgetOrderSubscriptions', JSON.stringify({ _id: 's1', sessionId: 's', createdAt: '2024-03-01T10:00:00Z', ...fields }), ctx);

  it('reads the old `email: true` as the email channel with no address', () => {
    expect(sub({ email: true }).row).toMatchObject({ email: null, emailChannel: true, contactKey: null, subscribedAt: new Date('2024-03-01T10:00:00Z') });
  });

  it('normalises the address and the phone like the API, and keys the contact the same way', () => {
    expect(sub({ email: ' Ada@Example.COM ', phone: '(555) 010-2000', sms: true }).row).toMatchObject({
      email: 'ada@example.com', phone: '+15550102000', emailChannel: true, smsChannel: true, contactKey: 'ada@example.com',
    });
  });
});
