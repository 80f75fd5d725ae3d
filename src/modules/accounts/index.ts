export {
  ACTIONS,
  API_TOKEN_PREFIX,
  PASSWORD_MIN_LENGTH,
  ROLES,
  can,
  isRole,
  passwordProblems,
  type Action,
  type NewUser,
  type Role,
  type User,
} from './accounts.ts';
export { AccountsRepository, systemClock, type Clock } from './accounts.repository.ts';
export {
  AccountsService,
  type AccountsOptions,
  type Actor,
  type ApiTokenInfo,
  type AuditEntry,
  type RandomBytes,
  type Session,
  type SignInResult,
} from './accounts.service.ts';
