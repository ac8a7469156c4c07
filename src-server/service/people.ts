import type { SessionUser } from '../../src-shared/contract/socket';
import type { DemoUser } from '../../src-shared/district/types';
import type { Actor } from '../../src-shared/domain/roles';
import type { Scope } from '../store/case-store';
import { DEMO_USER_BY_VIEW } from '../../src-shared/views';

/**
 * Who may connect. In demo mode any demo user may be picked by id (`?as=`); otherwise a
 * bearer token from the configuration names the user.
 */
export class People {
  private readonly byId = new Map<string, DemoUser>();

  constructor(
    users: readonly DemoUser[],
    private readonly options: { demo: boolean; tokens?: Record<string, string> },
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

  /** The user a connection or request speaks for, or undefined when it may not. */
  authenticate(credentials: { as?: unknown; token?: unknown }): DemoUser | undefined {
    if (typeof credentials.token === 'string') {
      const id = this.options.tokens?.[credentials.token];
      return id === undefined ? undefined : this.byId.get(id);
    }
    if (this.options.demo) {
      const id = typeof credentials.as === 'string' && credentials.as.length > 0 ? credentials.as : DEMO_USER_BY_VIEW.queue;
      return id === undefined ? undefined : this.byId.get(id);
    }
    return undefined;
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
