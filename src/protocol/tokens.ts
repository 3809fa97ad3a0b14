/**
 * Bearer tokens and roles. A reader may assess and read; a triager may also write decisions; an
 * admin may also manage tokens, projects and the mirror. Tokens are shown once and stored hashed.
 */
import { textSchema } from './common';

export type Role = 'reader' | 'triager' | 'admin';

export const ROLES: readonly Role[] = ['reader', 'triager', 'admin'];

/** Whether a token of role `have` may do what needs role `need`. */
export function roleAllows(have: Role, need: Role): boolean {
  return ROLES.indexOf(have) >= ROLES.indexOf(need);
}

export interface TokenInfo {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly created: string;
  readonly revoked: string | null;
}

export interface CreatedToken extends TokenInfo {
  /** The secret itself, shown this once; the server keeps only its hash. */
  readonly token: string;
}

export interface TokenInput {
  readonly name: string;
  readonly role: Role;
}

export interface WhoAmI {
  readonly name: string;
  readonly role: Role;
}

const role = { type: 'string', enum: ['reader', 'triager', 'admin'] } as const;

const infoProperties = {
  id: { type: 'string' },
  name: { type: 'string' },
  role,
  created: { type: 'string' },
  revoked: { type: ['string', 'null'] },
} as const;

export const tokenInfoSchema = { type: 'object', additionalProperties: false, required: Object.keys(infoProperties), properties: infoProperties } as const;

export const createdTokenSchema = {
  type: 'object',
  additionalProperties: false,
  required: [...Object.keys(infoProperties), 'token'],
  properties: { ...infoProperties, token: { type: 'string' } },
} as const;

export const tokenListSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['tokens'],
  properties: { tokens: { type: 'array', items: tokenInfoSchema } },
} as const;

export const tokenInputSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'role'],
  properties: { name: textSchema(200, 1), role },
} as const;

export const whoAmISchema = { type: 'object', additionalProperties: false, required: ['name', 'role'], properties: { name: { type: 'string' }, role } } as const;
