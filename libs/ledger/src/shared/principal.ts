export const ROLES = ['squad_clerk', 'brigade_office', 'finance', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is acting. A squad clerk is bound to one squad of one unit; the others act for their whole unit. */
export interface Principal {
  readonly id: string;
  readonly role: Role;
  readonly unitId: string;
  readonly squadId: string | null;
}

export const SYSTEM: Principal = { id: 'system', role: 'admin', unitId: '*', squadId: null };
