/**
 * The media library's background work: `media.probe` runs ffprobe on a new or changed file and
 * then queues `media.subtitles`, which turns the text subtitle streams and sidecars of a video
 * into WebVTT, and `media.cover`, which makes the film's cover from the copy (artwork beside it,
 * or a frame; see artwork.ts); with an `hlsPlan` (given by the composition root, which owns the HLS segment
 * maker), it also queues `media.hls-plan`, which makes the video's segment plan ahead of play.
 */
import type { MediaJob, MediaService } from '../modules/media/index.ts';
import type { JobQueue } from './queue.ts';
import type { JobHandler } from './worker.ts';

export interface MediaJobOptions {
  /** Makes and keeps the HLS segment plan of a probed video (a pass over its packets). */
  hlsPlan?: (videoId: number) => Promise<void>;
}

export function mediaJobHandlers(
  media: MediaService,
  opts: MediaJobOptions = {},
): Record<MediaJob['kind'] | 'media.hls-plan', JobHandler> {
  const { hlsPlan } = opts;
  return {
    'media.probe': async (job, ctx) => {
      const { fileId } = job.payload as { fileId: number };
      const file = await media.probeFile(fileId);
      await ctx.progress(0.8);
      if (file.kind === 'video') {
        await ctx.enqueue('media.subtitles', { videoId: fileId }, { dedupeKey: String(fileId) });
        if (media.makesCovers)
          await ctx.enqueue('media.cover', { videoId: fileId }, { dedupeKey: String(fileId) });
        if (hlsPlan)
          await ctx.enqueue('media.hls-plan', { videoId: fileId }, { dedupeKey: String(fileId) });
      }
    },
    'media.cover': async (job) => {
      const { videoId } = job.payload as { videoId: number };
      await media.makeCover(videoId);
    },
    'media.hls-plan': async (job) => {
      const { videoId } = job.payload as { videoId: number };
      await hlsPlan?.(videoId);
    },
    'media.subtitles': async (job, ctx) => {
      const { videoId } = job.payload as { videoId: number };
      await media.extractSubtitles(videoId, (f) => void ctx.progress(f));
    },
  };
}

/** The `schedule` a MediaService is given: media jobs, one per file at a time. */
export function mediaScheduler(queue: JobQueue): (job: MediaJob) => Promise<void> {
  return async (job) => {
    const key = job.kind === 'media.probe' ? job.payload.fileId : job.payload.videoId;
    await queue.enqueue(job.kind, job.payload, { dedupeKey: String(key) });
  };
}
