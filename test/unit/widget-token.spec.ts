import { Logger } from '@nestjs/common';
import { loadConfig } from '../../src/config/app-config';
import { coversSubscription, vouchesFor, WidgetIdentity } from '../../src/common/widget-token/widget-identity';
import { WidgetTokenVerifier } from '../../src/common/widget-token/widget-token.verifier';
import { SHOP_SECRET, widgetToken } from '../support/widget-token';

const identity = (over: Partial<WidgetIdentity> = {}): WidgetIdentity => ({ sessionId: 'w_1', email: 'ada@example.com', orders: new Set(['GG-1']), ...over });

describe('vouchesFor / coversSubscription', () => {
  it('vouches for its session, the orders it names and its email', () => {
    expect(vouchesFor(identity(), { sessionId: 'w_1', orderNumber: 'GG-1' })).toBe(true);
    expect(vouchesFor(identity(), { sessionId: 'w_1', orderNumber: null })).toBe(true);
    expect(vouchesFor(identity(), { sessionId: 'w_1', orderNumber: 'GG-1', email: 'ada@example.com' })).toBe(true);
    expect(vouchesFor(identity(), { sessionId: 'w_1', orderNumber: 'GG-1', email: null })).toBe(true);
    expect(vouchesFor(identity(), { sessionId: 'w_2', orderNumber: 'GG-1' })).toBe(false);
    expect(vouchesFor(identity(), { sessionId: 'w_1', orderNumber: 'GG-2' })).toBe(false);
    expect(vouchesFor(identity(), { sessionId: 'w_1', orderNumber: 'GG-1', email: 'eve@example.com' })).toBe(false);
    expect(vouchesFor(identity({ email: null }), { sessionId: 'w_1', orderNumber: 'GG-1', email: 'ada@example.com' })).toBe(false);
    expect(vouchesFor(null, { sessionId: 'w_1', orderNumber: null })).toBe(false);
  });

  it('covers a subscription by order and email, whatever the session', () => {
    expect(coversSubscription(identity({ sessionId: 'w_later' }), { orderNumber: 'GG-1', email: 'ada@example.com' })).toBe(true);
    expect(coversSubscription(identity(), { orderNumber: 'GG-1', email: null })).toBe(true);
    expect(coversSubscription(identity(), { orderNumber: 'GG-2', email: 'ada@example.com' })).toBe(false);
    expect(coversSubscription(identity(), { orderNumber: 'GG-1', email: 'eve@example.com' })).toBe(false);
    expect(coversSubscription(null, { orderNumber: 'GG-1', email: null })).toBe(false);
  });
});

describe('WidgetTokenVerifier', () => {
  afterEach(() => jest.restoreAllMocks());

  it('says once at start that widget claims are unverified when no secret is configured', () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    new WidgetTokenVerifier(loadConfig({})).onModuleInit();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toMatch(/WIDGET_TOKEN_SECRETS is not set: widget claims are unverified/);
    warn.mockClear();
    new WidgetTokenVerifier(loadConfig({ WIDGET_TOKEN_SECRETS: SHOP_SECRET })).onModuleInit();
    expect(warn).not.toHaveBeenCalled();
  });

  it('normalises the email and order numbers of a token like the service does, dropping impossible ones', async () => {
    const verifier = new WidgetTokenVerifier(loadConfig({ WIDGET_TOKEN_SECRETS: SHOP_SECRET }));
    const token = await widgetToken({ sessionId: 'w_1', email: ' Ada@Example.COM ', orders: [' #gg-1 ', 'gg-2', 'not valid!'] });
    const id = await verifier.verify(token);
    expect(id).toEqual({ sessionId: 'w_1', email: 'ada@example.com', orders: new Set(['GG-1', 'GG-2']) });
  });
});
