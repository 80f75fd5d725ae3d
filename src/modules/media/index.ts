/**
 * Media module: the library of copies the operator holds under the media roots (naming rules,
 * scanning, matching to catalogue films, ffprobe, WebVTT tracks) and the access summary.
 */
export * from './media.ts';
export * from './naming.ts';
