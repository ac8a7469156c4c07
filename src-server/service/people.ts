import type { SessionUser } from '../../src-shared/contract/socket';
import type { DemoUser } from '../../src-shared/district/types';
import type { Actor } from '../../src-shared/domain/roles';
import type { Scope } from '../store/case-store';
import { DEMO_USER_BY_VIEW } from '../../src-shared/views';
import { refusal, type Refusal } from '../../src-shared/errors';
import type { Accounts } from '../accounts/accounts';

/** A person the service will speak to; `sessionId` when they signed in with a password. */
export type Identified = { ok: true; user: DemoUser; sessionId?: string } | Refusal;

/**
 * Who may connect: a session token from signing in with a password (accounts), a static token
 * from the configuration (machine clients), or — in demo mode only — any demo user by id (`?as=`).
 */
export class People {
  private readonly byId = new Map<string, DemoUser>();

  constructor(
    users: readonly DemoUser[],
    private readonly options: { demo: boolean; tokens?: Record<string, string>; accounts?: Accounts },
  ) {
    for (const u of users) this.byId.set(u.id, u);
  }

  get demo(): boolean {
    return this.options.demo;
  }

  user(id: string): DemoUser | undefined {
    return this.byId.get(id);
  }

  all(): IterableIterator<DemoUser> {
    return this.byId.values();
  }

  get accounts(): Accounts | undefined {
    return this.options.accounts;
  }

  /** The user a connection or request speaks for, or the refusal saying why it may not. */
  async authenticate(credentials: { as?: unknown; token?: unknown }): Promise<Identified> {
    if (typeof credentials.token === 'string' && credentials.token.length > 0) {
      const id = this.options.tokens?.[credentials.token];
      const configured = id === undefined ? undefined : this.byId.get(id);
      if (configured) return { ok: true, user: configured };
      const signedIn = await this.options.accounts?.authenticate(credentials.token);
      return signedIn ?? refusal('NOT_AUTHENTICATED');
    }
    const named = typeof credentials.as === 'string' && credentials.as.length > 0 ? credentials.as : undefined;
    if (!this.options.demo) return named === undefined ? refusal('NOT_AUTHENTICATED') : refusal('DEMO_SIGN_IN_OFF');
    const user = this.byId.get(named ?? DEMO_USER_BY_VIEW.queue ?? '');
    return user ? { ok: true, user } : refusal('NOT_AUTHENTICATED');
  }
}

export function actorOf(user: DemoUser): Actor {
  return { userId: user.id, role: user.role, ...(user.departmentId ? { departmentId: user.departmentId } : {}) };
}

export function sessionUserOf(user: DemoUser): SessionUser {
  return {
    id: user.id,
    name: user.name,
    role: user.role,
    ...(user.departmentId ? { departmentId: user.departmentId } : {}),
    ...(user.streetCode ? { streetCode: user.streetCode } : {}),
  };
}

/**
 * Department handlers see their department's cases; grid supervisors the cases in their own
 * grids (their mobile terminals need nothing else, and the district's stream would flood them);
 * the centres and leaders see the district.
 */
export function scopeOf(user: DemoUser): Scope {
  if (user.role === 'department' && user.departmentId) return { kind: 'department', departmentId: user.departmentId };
  if (user.role === 'supervisor') return { kind: 'grids', gridCodes: user.gridCodes ?? [] };
  return { kind: 'all' };
}
