export {
  ACCESS_KINDS,
  ACCESS_MEDIA,
  type AccessKind,
  type AccessMedium,
  type AccessOffer,
  accessKindLabel,
  accessKinds,
  accessMediumLabel,
  isAccessKind,
} from './access.ts';
export { AccessRepository } from './access.repository.ts';
export { type AccessReader, AccessService } from './access.service.ts';
