/**
 * `kinoteka users add|list`: accounts from the command line. The CLI acts as the system (the
 * person at the server's shell), so `users add --role admin` is how the first admin can be made.
 * The password is never an argument (it would sit in the shell history and `ps`): it is read
 * from standard input, or prompted for without echo when that is a terminal.
 */
import type { Command } from 'commander';
import { withApp } from '../app.ts';
import { usageError } from '../errors.ts';
import { printJson, table } from '../format.ts';

const ROLE_NAMES = ['curator', 'reviewer', 'admin'] as const;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // One line: the trailing newline of `echo` or a file is not part of the password.
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Prompts on the terminal with echo off. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let value = '';
    const done = (fn: () => void) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.removeListener('data', onData);
      process.stderr.write('\n');
      fn();
    };
    const onData = (s: string) => {
      for (const ch of s) {
        if (ch === '\r' || ch === '\n') return done(() => resolve(value));
        if (ch === '\u0003') return done(() => reject(usageError('cancelled')));
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function readPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin || !process.stdin.isTTY) return readStdin();
  const first = await promptHidden('Password: ');
  const again = await promptHidden('Password again: ');
  if (first !== again) throw usageError('the two passwords differ');
  return first;
}

export function registerUsersCommands(program: Command): void {
  const users = program.command('users').description('Accounts: curators, reviewers, admins.');

  users
    .command('add')
    .description(
      'Create an account. The password is read from standard input (or prompted for on a terminal).',
    )
    .requiredOption('--email <email>', 'email address')
    .requiredOption('--username <name>', 'username (2–40 letters, digits, . _ -)')
    .option('--role <role>', `one of ${ROLE_NAMES.join(', ')}`, 'curator')
    .option('--password-stdin', 'read the password from standard input even on a terminal')
    .option('--json', 'print the account as JSON')
    .action(
      async (opts: {
        email: string;
        username: string;
        role: string;
        passwordStdin?: boolean;
        json?: boolean;
      }) => {
        if (!(ROLE_NAMES as readonly string[]).includes(opts.role))
          throw usageError(`--role must be one of ${ROLE_NAMES.join(', ')} (got "${opts.role}")`);
        const password = await readPassword(opts.passwordStdin ?? false);
        await withApp(async (app) => {
          const user = await app.services.accounts.addUserFromCli({
            email: opts.email,
            username: opts.username,
            password,
            role: opts.role as (typeof ROLE_NAMES)[number],
          });
          if (opts.json)
            return printJson({
              id: user.id,
              username: user.username,
              email: user.email,
              role: user.role,
            });
          console.log(`created ${user.role} ${user.username} <${user.email}> (id ${user.id})`);
        });
      },
    );

  users
    .command('list')
    .description('List the accounts.')
    .option('--json', 'print as JSON')
    .action((opts: { json?: boolean }) =>
      withApp(async (app) => {
        const list = await app.services.accounts.listUsers();
        if (opts.json)
          return printJson(
            list.map((u) => ({ id: u.id, username: u.username, email: u.email, role: u.role })),
          );
        console.log(
          table(
            ['id', 'username', 'email', 'role', 'created'],
            list.map((u) => [u.id, u.username, u.email, u.role, u.createdAt.slice(0, 10)]),
          ),
        );
      }),
    );
}
