import type { DepartmentView, NumberView, Page, UserView } from '@switchboard/contracts';

export interface DemoNumber {
  phoneNumberId: string;
  wabaId: string;
  departmentId: string;
  accessToken: string;
  appSecret: string;
  verifyToken: string;
}

/**
 * The demo's setup as an admin does it: the public HTTP API with a signed-in session, nothing private.
 * Repeatable on an existing data directory: what is already there is looked up, not created again.
 */
export class DemoAdminApi {
  private constructor(
    private readonly base: string,
    private readonly token: string,
  ) {}

  static async signIn(base: string, email: string, password: string): Promise<DemoAdminApi> {
    const res = await call(base, 'POST', '/api/auth/login', undefined, { email, password });
    const token = (res.body as { accessToken?: string }).accessToken;
    if (res.status !== 200 || !token) throw new Error(`demo admin could not sign in: ${describe(res)}`);
    return new DemoAdminApi(base, token);
  }

  /**
   * The department with `key`: found, or created. `null` when it exists but is hidden from the admin: a
   * members-only department (HR) set up by an earlier start that did not make the admin its member.
   */
  async department(key: string, name: string): Promise<DepartmentView | null> {
    const found = (await this.all<DepartmentView>('/api/departments')).find((d) => d.key === key);
    if (found) return found;
    const res = await this.request('POST', '/api/departments', { key, name });
    if (res.status === 200 || res.status === 201) return res.body as DepartmentView;
    if (res.status === 409) return null;
    throw new Error(`creating department ${key} failed: ${describe(res)}`);
  }

  /**
   * The number: found, or registered (Graph connection test included). `null` when it is registered but hidden
   * (its department is members-only); 422 with the failing checks stops the demo.
   */
  async number(n: DemoNumber): Promise<NumberView | null> {
    const found = (await this.all<NumberView>('/api/numbers')).find(
      (v) => v.phoneNumberId === n.phoneNumberId,
    );
    if (found) return found;
    const res = await this.request('POST', '/api/numbers', n);
    if (res.status === 200 || res.status === 201) return res.body as NumberView;
    if (res.status === 409) return null;
    throw new Error(`registering number ${n.phoneNumberId} failed: ${describe(res)}`);
  }

  /**
   * Makes the signed-in admin a supervisor of the department (through PATCH /api/users/:id), so it still sees the
   * department once a plugin makes it members-only: a later start finds it, its number and plugin again.
   */
  async join(departmentId: string): Promise<void> {
    const me = await this.request('GET', '/api/auth/me');
    if (me.status !== 200) throw new Error(`reading the demo admin failed: ${describe(me)}`);
    const user = me.body as UserView;
    if (user.memberships.some((m) => m.departmentId === departmentId)) return;
    const memberships = [
      ...user.memberships.map((m) => ({ departmentId: m.departmentId, role: m.role })),
      { departmentId, role: 'supervisor' },
    ];
    const res = await this.request('PATCH', `/api/users/${user.id}`, { memberships });
    if (res.status !== 200) throw new Error(`making the demo admin a member failed: ${describe(res)}`);
  }

  async activatePlugin(numberId: string, pluginId: string, body: Record<string, unknown>): Promise<void> {
    const res = await this.request('PUT', `/api/numbers/${numberId}/plugins/${pluginId}`, body);
    if (res.status !== 200) throw new Error(`activating ${pluginId} failed: ${describe(res)}`);
  }

  private async all<T>(path: string): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const res = await this.request('GET', `${path}${query}`);
      if (res.status !== 200) throw new Error(`GET ${path} failed: ${describe(res)}`);
      const page = res.body as Page<T>;
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }

  private request(method: string, path: string, body?: unknown) {
    return call(this.base, method, path, this.token, body);
  }
}

interface Answer {
  status: number;
  body: unknown;
}

async function call(
  base: string,
  method: string,
  path: string,
  token: string | undefined,
  body?: unknown,
): Promise<Answer> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON: keep the text for the error message.
  }
  return { status: res.status, body: parsed };
}

const describe = (res: Answer) =>
  `HTTP ${res.status} ${typeof res.body === 'string' ? res.body : JSON.stringify(res.body)}`;
