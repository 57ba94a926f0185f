import { INestApplication } from '@nestjs/common';
import { currentStep, totpAt, UserAdminService } from '@switchboard/identity';
import request from 'supertest';

export const TEST_PASSWORD = 'test-password-123';

/** The actors every test environment has, each signed in once. */
export type ActorKey = 'admin' | 'salesSupervisor' | 'salesAgent' | 'supportAgent' | 'viewer';

export interface TestActor {
  id: string;
  email: string;
  password: string;
  /** A live access token (Authorization: Bearer). */
  token: string;
}

type Role = 'supervisor' | 'agent' | 'viewer';

/** Creates the standard actors through the real user service and signs each in through the real login route. */
export async function seedActors(
  app: INestApplication,
  url: string,
  departments: { sales: string; support: string; hr: string },
): Promise<Record<ActorKey, TestActor>> {
  const specs: Record<ActorKey, { isAdmin?: boolean; memberships: { departmentId: string; role: Role }[] }> =
    {
      admin: { isAdmin: true, memberships: [] },
      salesSupervisor: { memberships: [{ departmentId: departments.sales, role: 'supervisor' }] },
      salesAgent: { memberships: [{ departmentId: departments.sales, role: 'agent' }] },
      supportAgent: { memberships: [{ departmentId: departments.support, role: 'agent' }] },
      viewer: { memberships: [{ departmentId: departments.sales, role: 'viewer' }] },
    };
  const users = app.get(UserAdminService);
  const out = {} as Record<ActorKey, TestActor>;
  for (const [key, spec] of Object.entries(specs) as [ActorKey, (typeof specs)[ActorKey]][]) {
    const email = `${key.toLowerCase()}@test.switchboard`;
    const user = await users.ensure({
      email,
      name: key,
      password: TEST_PASSWORD,
      isAdmin: spec.isAdmin ?? false,
      memberships: spec.memberships,
    });
    let login = await request(url).post('/api/auth/login').send({ email, password: TEST_PASSWORD });
    if (login.status === 200 && login.body.mfaSetupRequired) {
      // Under the admin two-factor policy: set the factor up the way an authenticator app would.
      const code = totpAt(login.body.secret as string, currentStep());
      login = await request(url).post('/api/auth/mfa/verify').send({ mfaToken: login.body.mfaToken, code });
    }
    if (login.status !== 200 || !login.body.accessToken)
      throw new Error(`test actor ${key} could not sign in: ${login.status} ${login.text}`);
    out[key] = {
      id: user.id,
      email,
      password: TEST_PASSWORD,
      token: (login.body as { accessToken: string }).accessToken,
    };
  }
  return out;
}
