/** Durable background work stored in the database; see docs/media.md, "The job queue". */
export { JobQueue, type EnqueueOptions, type Job, type JobState } from './queue.ts';
export { Worker, type JobContext, type JobHandler, type WorkerOptions } from './worker.ts';
export { mediaJobHandlers, mediaScheduler } from './media.jobs.ts';
