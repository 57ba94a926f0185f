import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixture, TEST_NUMBER, type SandboxFixture } from './testing/sandbox-fixture';

type Json = Record<string, unknown>;
const errorOf = (json: unknown) => (json as { error: Json }).error;
const PHONE = `/v24.0/${TEST_NUMBER.phoneNumberId}`;
const OTHER = { phoneNumberId: '100000000000009', wabaId: '200000000000009', accessToken: 'EAAG-other' };

let fx: SandboxFixture;
beforeAll(async () => {
  fx = await startFixture({
    numbers: [
      { ...TEST_NUMBER, webhookUrl: 'http://127.0.0.1:9/unused' },
      {
        ...TEST_NUMBER,
        ...OTHER,
        displayPhoneNumber: '15550000009',
        webhookUrl: 'http://127.0.0.1:9/unused',
        profile: { qualityRating: 'YELLOW', messagingLimitTier: 'TIER_250', nameStatus: 'PENDING_REVIEW' },
      },
    ],
  });
});
afterAll(() => fx.close());

const sim = (path: string, body: unknown) => fx.control(path, body);

describe('GET /{phone-number-id}', () => {
  it('without fields returns Graph default fields only', async () => {
    const res = await fx.graph(PHONE);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      verified_name: 'Switchboard Sandbox',
      code_verification_status: 'VERIFIED',
      display_phone_number: '+15550000001',
      quality_rating: 'GREEN',
      platform_type: 'CLOUD_API',
      throughput: { level: 'STANDARD' },
      id: TEST_NUMBER.phoneNumberId,
    });
  });

  it('honours ?fields= (only those, plus id) and reports per-number state', async () => {
    const res = await fx.graph(
      `/v24.0/${OTHER.phoneNumberId}?fields=quality_rating,messaging_limit_tier,whatsapp_business_manager_messaging_limit,name_status`,
      { token: OTHER.accessToken },
    );
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      quality_rating: 'YELLOW',
      messaging_limit_tier: 'TIER_250',
      whatsapp_business_manager_messaging_limit: 'TIER_250',
      name_status: 'PENDING_REVIEW',
      id: OTHER.phoneNumberId,
    });
  });

  it('an unknown field → (#100) Tried accessing nonexisting field', async () => {
    const res = await fx.graph(`${PHONE}?fields=display_phone_number,colour`);
    expect(res.status).toBe(400);
    expect(errorOf(res.json)).toMatchObject({
      code: 100,
      type: 'OAuthException',
      message: '(#100) Tried accessing nonexisting field (colour) on node type (WhatsAppBusinessPhoneNumber)',
    });
  });

  it('a wrong token → 401 OAuthException 190; a number outside the token → 100/33', async () => {
    const wrong = await fx.graph(PHONE, { token: 'EAAG-nope' });
    expect(wrong.status).toBe(401);
    expect(errorOf(wrong.json)).toMatchObject({ code: 190, type: 'OAuthException' });
    const foreign = await fx.graph(`/v24.0/${OTHER.phoneNumberId}`);
    expect(foreign.status).toBe(400);
    expect(errorOf(foreign.json)).toMatchObject({
      code: 100,
      error_subcode: 33,
      type: 'GraphMethodException',
    });
    expect(errorOf(foreign.json).message).toContain(
      `Unsupported get request. Object with ID '${OTHER.phoneNumberId}' does not exist, cannot be loaded due to missing permissions`,
    );
    const foreignWaba = await fx.graph(`/v24.0/${OTHER.wabaId}/phone_numbers`);
    expect(errorOf(foreignWaba.json)).toMatchObject({ code: 100, error_subcode: 33 });
  });

  it('the control API changes quality, tier and name status; GET reflects it', async () => {
    const changed = await sim(`/_sim/numbers/${TEST_NUMBER.phoneNumberId}/profile`, {
      qualityRating: 'RED',
      messagingLimitTier: 'TIER_10K',
      nameStatus: 'DECLINED',
      throughputLevel: 'HIGH',
    });
    expect(changed.status).toBe(200);
    const res = await fx.graph(
      `${PHONE}?fields=quality_rating,messaging_limit_tier,name_status,throughput,verified_name`,
    );
    expect(res.json).toEqual({
      quality_rating: 'RED',
      messaging_limit_tier: 'TIER_10K',
      name_status: 'DECLINED',
      throughput: { level: 'HIGH' },
      verified_name: 'Switchboard Sandbox',
      id: TEST_NUMBER.phoneNumberId,
    });
    const list = await fx.graph(`/v24.0/${TEST_NUMBER.wabaId}/phone_numbers?fields=quality_rating`);
    expect((list.json as { data: Json[] }).data).toEqual([
      { quality_rating: 'RED', id: TEST_NUMBER.phoneNumberId },
    ]);
  });

  it('bad profile input → 400 naming the field, nothing changes', async () => {
    const bad = await sim(`/_sim/numbers/${TEST_NUMBER.phoneNumberId}/profile`, {
      qualityRating: 'PURPLE',
      messagingLimitTier: 'TIER_UNLIMITED',
    });
    expect(bad.status).toBe(400);
    expect(bad.json.issues).toEqual([expect.objectContaining({ field: 'qualityRating' })]);
    const res = await fx.graph(`${PHONE}?fields=messaging_limit_tier`);
    expect((res.json as Json).messaging_limit_tier).toBe('TIER_10K');
    expect((await sim('/_sim/numbers/42/profile', { qualityRating: 'RED' })).status).toBe(404);
  });
});
