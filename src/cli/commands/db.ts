/** `kinoteka db migrate|rollback`: the application runs its migrations; this prints the report. */
import type { Command } from 'commander';
import { withApp } from '../app.ts';

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('Database schema.');
  db.command('migrate')
    .description('Apply every pending migration.')
    .action(() =>
      withApp(
        async (app) => {
          const r = await app.migrate();
          console.log(r.applied.length ? `applied: ${r.applied.join(', ')}` : 'already up to date');
        },
        { migrate: false },
      ),
    );
  db.command('rollback')
    .description('Undo the most recent migration.')
    .action(() =>
      withApp(
        async (app) => {
          const r = await app.rollback();
          console.log(
            r.applied.length ? `rolled back: ${r.applied.join(', ')}` : 'nothing to roll back',
          );
        },
        { migrate: false },
      ),
    );
}
