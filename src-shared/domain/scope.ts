/**
 * Which cases a person sees: the district (centres, leaders), one department's (its handlers), or
 * some grids' (a grid supervisor). The service scopes queries, snapshots and rooms by it.
 */
export type Scope = { kind: 'all' } | { kind: 'department'; departmentId: string } | { kind: 'grids'; gridCodes: readonly string[] };
